package io.guildmark.app.organizations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The platform's privacy policy at {@code /privacy}, the address the OB 3.0 service description names
 * ({@code x-imssf-privacyPolicyUrl}). By default a plain account of what the platform stores and shares; an operator
 * replaces it with their own text ({@code guildmark.privacy.policy-file}: plain text, paragraphs separated by blank
 * lines, a line starting with "# " a heading) and names who to ask ({@code guildmark.privacy.contact}).
 */
@Controller
class PrivacyPages {

    static final int MAX_BYTES = 200_000;

    /** A heading or a paragraph of the operator's text, shown as text (never as HTML). */
    record Block(boolean heading, String text) {}

    private final @Nullable List<Block> operatorText;
    private final @Nullable String contact;

    PrivacyPages(@Value("${guildmark.privacy.policy-file:}") String policyFile, @Value("${guildmark.privacy.contact:}") String contact) {
        this.operatorText = policyFile.isBlank() ? null : read(Path.of(policyFile.strip()));
        this.contact = contact.isBlank() ? null : contact.strip();
    }

    @GetMapping("/privacy")
    String privacy(Model model) {
        model.addAttribute("operatorText", operatorText);
        model.addAttribute("contact", contact);
        return "privacy";
    }

    private static List<Block> read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) throw new IllegalStateException("guildmark.privacy.policy-file is larger than 200 KB: " + file);
            return blocks(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read guildmark.privacy.policy-file " + file, e);
        }
    }

    /** Paragraphs separated by blank lines; a paragraph whose first line starts with "# " is a heading. */
    static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        for (String part : text.replace("\r\n", "\n").split("\n\\s*\n")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            if (p.startsWith("# ")) blocks.add(new Block(true, p.substring(2).strip()));
            else blocks.add(new Block(false, p.replaceAll("\\s*\n\\s*", " ")));
        }
        return blocks;
    }
}
