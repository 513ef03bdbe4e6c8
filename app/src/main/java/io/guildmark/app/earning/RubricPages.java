package io.guildmark.app.earning;

import java.util.UUID;

import io.guildmark.app.catalog.AchievementVersion;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.earning.model.Rubric;
import io.guildmark.app.shared.Problem;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The public address of a rubric, which credentials use as the id of their {@code resultDescription}s: a page for
 * people (each criterion and level an anchor, so the ids resolve to their place) and the OB 3.0 JSON for machines.
 */
@Controller
class RubricPages {

    private final EarningDesigns designs;
    private final Achievements achievements;

    RubricPages(EarningDesigns designs, Achievements achievements) {
        this.designs = designs;
        this.achievements = achievements;
    }

    @GetMapping(path = "/achievements/{id}/rubrics/{version}", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable UUID id, @PathVariable int version, Model model) {
        AchievementVersion achievement = published(id);
        model.addAttribute("achievement", achievement);
        model.addAttribute("rubric", rubric(id, version));
        model.addAttribute("version", version);
        return "earning/rubric";
    }

    @GetMapping(path = "/achievements/{id}/rubrics/{version}", produces = {MediaType.APPLICATION_JSON_VALUE, "application/ld+json"})
    ResponseEntity<String> json(@PathVariable UUID id, @PathVariable int version) {
        published(id);
        JsonArrayBuilder descriptions = Json.createArrayBuilder();
        rubric(id, version).toResultDescriptions().forEach(d -> descriptions.add(d.toJson()));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(Json.createObjectBuilder().add("id", designs.rubricUrl(id, version)).add("resultDescription", descriptions).build().toString());
    }

    private AchievementVersion published(UUID id) {
        return achievements.latestVersion(id).orElseThrow(() -> Problem.notFound("The micro-credential"));
    }

    private Rubric rubric(UUID id, int version) {
        if (version < 1) throw Problem.notFound("The rubric");
        Rubric rubric = designs.version(id, version).design().rubric();
        if (rubric == null) throw Problem.notFound("The rubric");
        return rubric;
    }
}
