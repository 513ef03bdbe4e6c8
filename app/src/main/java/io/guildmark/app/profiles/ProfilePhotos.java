package io.guildmark.app.profiles;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;

import javax.imageio.ImageIO;

import io.guildmark.app.shared.Problem;
import io.guildmark.app.shared.UploadedImages;

/**
 * A profile photo: checked by its bytes like every upload ({@link UploadedImages}: PNG, JPEG or WebP by magic bytes,
 * at most 2 MB and 4,096 pixels a side, decodes), then drawn anew at most {@link #SIDE} pixels a side. Drawing anew
 * drops everything but the pixels: camera metadata such as where the photo was taken never reaches the public page.
 * WebP (decoded by the TwelveMonkeys ImageIO plugin) is stored as PNG when it has transparency, else as JPEG, so every
 * browser and every page that shows the photo (e-mails, PDFs) reads it.
 */
final class ProfilePhotos {

    static final int SIDE = 512;
    private static final UploadedImages.Purpose PURPOSE = new UploadedImages.Purpose("photo", "the photo");

    record Photo(byte[] content, String contentType) {}

    private ProfilePhotos() {}

    static Photo check(byte[] upload) {
        UploadedImages.Checked checked = UploadedImages.check(upload, PURPOSE, Set.of(UploadedImages.Format.PNG, UploadedImages.Format.JPEG,
                UploadedImages.Format.WEBP));
        try {
            BufferedImage source = ImageIO.read(new ByteArrayInputStream(checked.content()));
            if (source == null) throw damaged();
            boolean png = "image/png".equals(checked.contentType())
                    || ("image/webp".equals(checked.contentType()) && source.getColorModel().hasAlpha());
            double scale = Math.min(1.0, (double) SIDE / Math.max(source.getWidth(), source.getHeight()));
            int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
            int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
            BufferedImage drawn = new BufferedImage(width, height, png ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
            Graphics2D g = drawn.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
                g.drawImage(source, 0, 0, width, height, null);
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(drawn, png ? "png" : "jpeg", out)) throw damaged();
            return new Photo(out.toByteArray(), png ? "image/png" : "image/jpeg");
        } catch (IOException | RuntimeException e) {
            if (e instanceof Problem p) throw p;
            throw damaged();
        }
    }

    private static Problem damaged() {
        return Problem.invalidField("photo", "The photo could not be read; upload another PNG, JPEG or WebP image.");
    }
}
