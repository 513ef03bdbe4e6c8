package io.guildmark.app.profiles;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.guildmark.app.issuing.Award;
import io.guildmark.app.issuing.BadgeVisibility;
import io.guildmark.app.issuing.HolderPreferences;
import io.guildmark.app.issuing.Visibility;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.FileStore;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's public profile and collections, and their choices for their badges. Every change is the person's own:
 * each method takes the signed-in person and touches only their rows; someone else's collection is "not found".
 * The profile shows only what is public at the moment it is viewed: a badge made private, revoked or declined leaves
 * every collection's display at once (its place in the collection is kept, so making it public again restores it).
 */
@Service
class Profiles implements HolderPreferences {

    static final int MAX_NAME = 100;
    static final int MAX_HEADLINE = 200;
    static final int MAX_COLLECTION_NAME = 80;
    static final int MAX_COLLECTIONS = 20;
    static final int MAX_BADGES_PER_COLLECTION = 100;

    /** What the person has set. */
    record Settings(String handle, boolean enabled, String displayName, @Nullable String headline, boolean hasPhoto, boolean indexable,
            Visibility defaultVisibility) {}

    /** A change of the settings as submitted. */
    record Form(boolean enabled, @Nullable String handle, @Nullable String displayName, @Nullable String headline, boolean indexable,
            @Nullable String defaultVisibility) {}

    /** A collection as its owner edits it: the ids of the badges in it, in order. */
    record Collection(UUID id, String name, List<UUID> awardIds) {}

    /** The public page's content; a value, so it is also the version of the cached page. */
    record PublicProfile(String handle, String url, String displayName, @Nullable String headline, @Nullable String photo,
            @Nullable String photoUrl, boolean indexable, List<ShownCollection> collections) {}

    record ShownCollection(String name, List<ShownBadge> badges) {}

    /** A badge as the profile shows it, with its state now ({@code valid} or {@code expired}; revoked ones are not shown). */
    record ShownBadge(UUID id, String name, String issuerName, String url, String image, String state) {}

    record StoredPhoto(byte[] content, String contentType) {}

    private final JdbcClient db;
    private final Handles handles;
    private final FileStore files;
    private final BadgeVisibility visibility;
    private final Organizations organizations;
    private final GuildmarkSettings settings;
    private final Clock clock;

    Profiles(JdbcClient db, Handles handles, FileStore files, BadgeVisibility visibility, Organizations organizations,
            GuildmarkSettings settings, Clock clock) {
        this.db = db;
        this.handles = handles;
        this.files = files;
        this.visibility = visibility;
        this.organizations = organizations;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Visibility defaultVisibility(UUID userId) {
        return db.sql("select default_visibility from profiles where user_id = ?").param(userId).query(String.class).optional()
                .map(Visibility::of).orElse(Visibility.UNLISTED);
    }

    @Override
    public boolean indexable(UUID userId) {
        return db.sql("select indexable from profiles where user_id = ?").param(userId).query(Boolean.class).optional().orElse(false);
    }

    Optional<Settings> settings(UUID userId) {
        return db.sql("select * from profiles where user_id = ?").param(userId)
                .query((rs, n) -> new Settings(rs.getString("handle"), rs.getBoolean("enabled"), rs.getString("display_name"),
                        rs.getString("headline"), rs.getString("photo_key") != null, rs.getBoolean("indexable"),
                        Visibility.of(rs.getString("default_visibility"))))
                .optional();
    }

    /** Creates or changes the person's profile. Bad input or a taken or reserved handle changes nothing. */
    @Transactional
    public void save(Actor.Person person, Form form) {
        String handle = handles.check(form.handle());
        String name = form.displayName() == null ? "" : form.displayName().strip();
        if (name.isEmpty()) throw Problem.invalidField("displayName", "Enter the name to show on your profile.");
        if (name.length() > MAX_NAME) throw Problem.invalidField("displayName", "The name may be at most " + MAX_NAME + " characters.");
        String headline = form.headline() == null || form.headline().isBlank() ? null : form.headline().strip();
        if (headline != null && headline.length() > MAX_HEADLINE) {
            throw Problem.invalidField("headline", "The headline may be at most " + MAX_HEADLINE + " characters.");
        }
        Visibility defaultVisibility = Visibility.parse(form.defaultVisibility())
                .orElseThrow(() -> Problem.invalidField("defaultVisibility", "Choose public, unlisted or private."));
        if (db.sql("select count(*) from profiles where handle = ? and user_id <> ?").params(handle, person.userId()).query(Long.class).single() > 0) {
            throw taken(handle);
        }
        Timestamp now = Timestamp.from(clock.instant());
        try {
            int updated = db.sql("""
                    update profiles set handle = ?, enabled = ?, display_name = ?, headline = ?, indexable = ?, default_visibility = ?,
                      updated_at = ? where user_id = ?""")
                    .params(handle, form.enabled(), name, headline, form.indexable(), defaultVisibility.word(), now, person.userId()).update();
            if (updated == 0) {
                db.sql("""
                        insert into profiles (user_id, handle, enabled, display_name, headline, indexable, default_visibility, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(person.userId(), handle, form.enabled(), name, headline, form.indexable(), defaultVisibility.word(), now).update();
            }
        } catch (DuplicateKeyException e) {
            throw taken(handle); // someone took it between the check and the write
        }
    }

    private static Problem taken(String handle) {
        return Problem.conflict("handle-taken", "The address " + handle + " is already taken; choose another.");
    }

    /** Replaces the photo with the uploaded one, checked by its bytes and drawn anew. */
    @Transactional
    public void setPhoto(Actor.Person person, byte[] upload) {
        requireProfile(person);
        ProfilePhotos.Photo photo = ProfilePhotos.check(upload);
        String old = db.sql("select photo_key from profiles where user_id = ?").param(person.userId()).query(String.class).optional().orElse(null);
        String key = files.put("profile-photos", photo.content());
        db.sql("update profiles set photo_key = ?, photo_type = ?, updated_at = ? where user_id = ?")
                .params(key, photo.contentType(), Timestamp.from(clock.instant()), person.userId()).update();
        if (old != null) files.delete(old);
    }

    @Transactional
    public void removePhoto(Actor.Person person) {
        requireProfile(person);
        String old = db.sql("select photo_key from profiles where user_id = ?").param(person.userId()).query(String.class).optional().orElse(null);
        db.sql("update profiles set photo_key = null, photo_type = null, updated_at = ? where user_id = ?")
                .params(Timestamp.from(clock.instant()), person.userId()).update();
        if (old != null) files.delete(old);
    }

    private void requireProfile(Actor.Person person) {
        if (settings(person.userId()).isEmpty()) throw Problem.conflict("no-profile", "Save your profile's address and name first.");
    }

    List<Collection> collections(UUID userId) {
        Map<UUID, List<UUID>> badges = new HashMap<>();
        db.sql("""
                select b.collection_id, b.award_id from profile_collection_badges b join profile_collections c on c.id = b.collection_id
                where c.user_id = ? order by b.position""").param(userId)
                .query((rs, n) -> {
                    badges.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
                    return null;
                }).list();
        return db.sql("select id, name from profile_collections where user_id = ? order by position").param(userId)
                .query((rs, n) -> new Collection(rs.getObject(1, UUID.class), rs.getString(2),
                        List.copyOf(badges.getOrDefault(rs.getObject(1, UUID.class), List.of()))))
                .list();
    }

    @Transactional
    public UUID createCollection(Actor.Person person, @Nullable String name) {
        requireProfile(person);
        String clean = collectionName(name);
        // One writer at a time per person, so the count and the position below hold.
        db.sql("select user_id from profiles where user_id = ? for update").param(person.userId()).query(UUID.class).single();
        long count = db.sql("select count(*) from profile_collections where user_id = ?").param(person.userId()).query(Long.class).single();
        if (count >= MAX_COLLECTIONS) throw Problem.conflict("too-many-collections", "A profile may have at most " + MAX_COLLECTIONS + " collections.");
        int position = db.sql("select coalesce(max(position), 0) + 1 from profile_collections where user_id = ?").param(person.userId())
                .query(Integer.class).single();
        UUID id = UUID.randomUUID();
        db.sql("insert into profile_collections (id, user_id, name, position) values (?, ?, ?, ?)")
                .params(id, person.userId(), clean, position).update();
        return id;
    }

    private static String collectionName(@Nullable String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) throw Problem.invalidField("name", "Name the collection.");
        if (clean.length() > MAX_COLLECTION_NAME) throw Problem.invalidField("name", "A collection's name may be at most " + MAX_COLLECTION_NAME + " characters.");
        return clean;
    }

    @Transactional
    public void renameCollection(Actor.Person person, UUID collectionId, @Nullable String name) {
        String clean = collectionName(name);
        if (db.sql("update profile_collections set name = ? where id = ? and user_id = ?").params(clean, collectionId, person.userId()).update() != 1) {
            throw notFound();
        }
    }

    @Transactional
    public void deleteCollection(Actor.Person person, UUID collectionId) {
        ownCollection(person, collectionId);
        db.sql("delete from profile_collection_badges where collection_id = ?").param(collectionId).update();
        db.sql("delete from profile_collections where id = ?").param(collectionId).update();
    }

    /** Moves a collection one place up (earlier) or down on the profile. */
    @Transactional
    public void moveCollection(Actor.Person person, UUID collectionId, boolean up) {
        ownCollection(person, collectionId);
        List<UUID> order = new ArrayList<>(db.sql("select id from profile_collections where user_id = ? order by position for update")
                .param(person.userId()).query(UUID.class).list());
        int at = order.indexOf(collectionId);
        int to = up ? at - 1 : at + 1;
        if (to < 0 || to >= order.size()) return;
        order.set(at, order.get(to));
        order.set(to, collectionId);
        for (int i = 0; i < order.size(); i++) {
            db.sql("update profile_collections set position = ? where id = ?").params(i + 1, order.get(i)).update();
        }
    }

    /** Adds one of the person's public badges to their collection; any other badge is refused and nothing changes. */
    @Transactional
    public void addBadge(Actor.Person person, UUID collectionId, UUID awardId) {
        ownCollection(person, collectionId);
        boolean ownPublic = visibility.publicBadgesOf(person.userId()).stream().anyMatch(a -> a.id().equals(awardId));
        if (!ownPublic) {
            throw Problem.conflict("badge-not-public", "Only your own accepted badges that you have made public can go in a collection.");
        }
        if (db.sql("select count(*) from profile_collection_badges where collection_id = ? and award_id = ?").params(collectionId, awardId)
                .query(Long.class).single() > 0) {
            throw Problem.conflict("already-in-collection", "That badge is already in this collection.");
        }
        long count = db.sql("select count(*) from profile_collection_badges where collection_id = ?").param(collectionId).query(Long.class).single();
        if (count >= MAX_BADGES_PER_COLLECTION) {
            throw Problem.conflict("collection-full", "A collection may hold at most " + MAX_BADGES_PER_COLLECTION + " badges.");
        }
        int position = db.sql("select coalesce(max(position), 0) + 1 from profile_collection_badges where collection_id = ?").param(collectionId)
                .query(Integer.class).single();
        db.sql("insert into profile_collection_badges (collection_id, award_id, position) values (?, ?, ?)")
                .params(collectionId, awardId, position).update();
    }

    @Transactional
    public void removeBadge(Actor.Person person, UUID collectionId, UUID awardId) {
        ownCollection(person, collectionId);
        db.sql("delete from profile_collection_badges where collection_id = ? and award_id = ?").params(collectionId, awardId).update();
    }

    /** Locks the person's collection, or answers "not found" for anyone else's (or none). */
    private void ownCollection(Actor.Person person, UUID collectionId) {
        db.sql("select id from profile_collections where id = ? and user_id = ? for update").params(collectionId, person.userId())
                .query(UUID.class).optional().orElseThrow(Profiles::notFound);
    }

    private static Problem notFound() {
        return Problem.notFound("The collection");
    }

    /** The profile as anyone sees it, read now; empty unless its owner has switched it on. */
    Optional<PublicProfile> publicProfile(String handle) {
        record Row(UUID userId, String handle, String name, @Nullable String headline, @Nullable String photoKey, boolean indexable) {}
        Optional<Row> row = db.sql("select * from profiles where handle = ? and enabled = true").param(Handles.normalize(handle))
                .query((rs, n) -> new Row(rs.getObject("user_id", UUID.class), rs.getString("handle"), rs.getString("display_name"),
                        rs.getString("headline"), rs.getString("photo_key"), rs.getBoolean("indexable")))
                .optional();
        if (row.isEmpty()) return Optional.empty();
        Row p = row.get();
        Map<UUID, Award> shown = new LinkedHashMap<>();
        for (Award a : visibility.publicBadgesOf(p.userId())) shown.put(a.id(), a);
        Map<UUID, String> issuers = new HashMap<>();
        Instant now = clock.instant();
        List<ShownCollection> collections = new ArrayList<>();
        for (Collection c : collections(p.userId())) {
            List<ShownBadge> badges = new ArrayList<>();
            for (UUID id : c.awardIds()) {
                Award a = shown.get(id);
                if (a == null) continue; // no longer public, accepted or valid: not shown
                String issuer = issuers.computeIfAbsent(a.organizationId(),
                        org -> organizations.findById(org).map(Organization::name).orElse(""));
                badges.add(new ShownBadge(a.id(), a.achievementName(), issuer, "/credentials/" + a.id(), "/credentials/" + a.id() + ".png",
                        a.expired(now) ? "expired" : "valid"));
            }
            if (!badges.isEmpty()) collections.add(new ShownCollection(c.name(), List.copyOf(badges)));
        }
        String photo = p.photoKey() == null ? null : "/people/" + p.handle() + "/photo?v=" + Integer.toHexString(p.photoKey().hashCode());
        return Optional.of(new PublicProfile(p.handle(), settings.url("/people/" + p.handle()), p.name(), p.headline(), photo,
                photo == null ? null : settings.url(photo), p.indexable(), List.copyOf(collections)));
    }

    /** The photo of a profile that is switched on. */
    Optional<StoredPhoto> photo(String handle) {
        record Row(String key, String type) {}
        return db.sql("select photo_key, photo_type from profiles where handle = ? and enabled = true and photo_key is not null")
                .param(Handles.normalize(handle)).query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).optional()
                .flatMap(r -> files.get(r.key()).map(bytes -> new StoredPhoto(bytes, r.type())));
    }
}
