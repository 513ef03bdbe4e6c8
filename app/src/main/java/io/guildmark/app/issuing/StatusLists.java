package io.guildmark.app.issuing;

import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.guildmark.app.organizations.Organization;
import io.guildmark.app.shared.GuildmarkSettings;
import io.guildmark.app.shared.SecretTokens;
import io.guildmark.credentials.status.BitstringStatusList;
import io.guildmark.credentials.status.BitstringStatusListCredential;
import io.guildmark.credentials.status.BitstringStatusListEntry;
import io.guildmark.credentials.status.RevocationList;
import io.guildmark.credentials.status.StatusPurpose;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Status lists, W3C Bitstring Status List by default: 131,072 entries per list, handed out in a scrambled order so
 * that neighbouring entries say nothing about neighbouring awards. Every change re-signs the list credential in the
 * caller's transaction, together with the award's own state. Organizations that choose the OB 3.0
 * {@code 1EdTechRevocationList} get a list of revoked credential ids instead.
 */
@Component
class StatusLists {

    /** Looked up once: {@code Json.create…} searches the class path for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final int SIZE = 131_072; // a power of two: the scrambling below is a bijection on it
    private static final long SCRAMBLE = 2_654_435_761L; // odd, so multiplying by it permutes the indexes mod 2^17

    /** Where an award's status lives. */
    record Entry(UUID listId, int index, JsonObject credentialStatus) {}

    private final JdbcClient db;
    private final IssuerKeys keys;
    private final GuildmarkSettings settings;
    private final Clock clock;

    private final io.guildmark.app.organizations.Organizations organizations;

    private final TransactionTemplate transactions;

    StatusLists(JdbcClient db, IssuerKeys keys, GuildmarkSettings settings, Clock clock, io.guildmark.app.organizations.Organizations organizations,
            TransactionTemplate transactions) {
        this.transactions = transactions;
        this.organizations = organizations;
        this.db = db;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    String listUrl(UUID listId) {
        return settings.url("/status/" + listId);
    }

    String revocationListUrl(Organization org) {
        return settings.url("/status/1edtech/" + org.slug());
    }

    /** Takes the next free entry of the organization's revocation list, starting a new list when the last is full. */
    Entry allocate(Organization org) {
        return allocate(org, StatusPurpose.REVOCATION);
    }

    /**
     * Takes the next free entry of the organization's list of this purpose (revocation for awards; suspension only for
     * credentials issued through the VC-API, which keeps a list of its own for it), starting a new list when the last
     * is full.
     *
     * <p>Outside a caller's transaction (an award through the API, a row of a bulk job) the entry comes from a block of
     * {@link #BLOCK} entries this node reserved in one short transaction of its own, so most awards touch no status
     * list row at all; the reservation is committed before any of its entries is used, so no other node or restart
     * can hand them out again. Inside a caller's transaction the entry is taken in it, one at a time as before: a block
     * reserved there would be undone by a rollback while this node still held it. Entries of a block a node never
     * uses (it stopped) stay unused: never set and referenced by no credential, as an entry of a failed award.
     */
    Entry allocate(Organization org, StatusPurpose purpose) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            Block one = reserve(org, purpose, 1);
            return entry(one.listId, purpose, one.next);
        }
        Block block = blocks.computeIfAbsent(new BlockKey(org.id(), purpose), key -> new Block());
        synchronized (block) {
            if (block.next >= block.end) {
                Block reserved = Objects.requireNonNull(transactions.execute(tx -> reserve(org, purpose, BLOCK)));
                block.listId = reserved.listId;
                block.next = reserved.next;
                block.end = reserved.end;
            }
            return entry(block.listId, purpose, block.next++);
        }
    }

    /** How many entries a node reserves at a time for awards made outside a caller's transaction. */
    static final int BLOCK = 32;

    private record BlockKey(UUID organizationId, StatusPurpose purpose) {}

    /** Entries {@code next} (inclusive) to {@code end} (exclusive) of a list, in allocation order. */
    private static final class Block {
        @Nullable UUID listId;
        int next;
        int end;
    }

    /** This node's reserved blocks, one per organization and purpose: bounded by the organizations that issue. */
    private final Map<BlockKey, Block> blocks = new ConcurrentHashMap<>();

    /** Reserves up to {@code count} entries of the organization's open list (fewer at the end of a list), in the current transaction. */
    private Block reserve(Organization org, StatusPurpose purpose, int count) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<UUID> open = db.sql("""
                    select id from status_lists where organization_id = ? and purpose = ? and allocated < size
                    order by updated_at desc limit 1""").params(org.id(), purpose.value()).query(UUID.class).optional();
            UUID listId = open.orElseGet(() -> create(org, purpose));
            // Row lock: two awards never get the same entry, on any number of nodes.
            Optional<Integer> allocated = db.sql("select allocated from status_lists where id = ? for update").param(listId)
                    .query(Integer.class).optional();
            if (allocated.isEmpty() || allocated.get() >= SIZE) continue;
            int taken = Math.min(count, SIZE - allocated.get());
            db.sql("update status_lists set allocated = allocated + ? where id = ?").params(taken, listId).update();
            Block block = new Block();
            block.listId = listId;
            block.next = allocated.get();
            block.end = allocated.get() + taken;
            return block;
        }
        throw new IllegalStateException("Could not allocate a status list entry");
    }

    /** The entry at a position in a list's allocation order: positions are scrambled into indexes. */
    private Entry entry(@Nullable UUID listId, StatusPurpose purpose, int position) {
        UUID list = Objects.requireNonNull(listId);
        int index = (int) ((position * SCRAMBLE) & (SIZE - 1));
        return new Entry(list, index, BitstringStatusListEntry.of(listUrl(list), purpose, index).toJson());
    }

    JsonObject revocationListEntry(Organization org) {
        return RevocationList.statusEntry(revocationListUrl(org));
    }

    /** Sets or clears an entry and re-signs the list, in the caller's transaction. */
    void set(Organization org, UUID listId, int index, boolean revoked) {
        String[] row = db.sql("select encoded_list, purpose from status_lists where id = ? for update").param(listId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).single();
        BitstringStatusList list = BitstringStatusList.decode(row[0]).set(index, revoked);
        publish(org, listId, purpose(row[1]), list);
    }

    /** The purpose of a list, as stored. */
    private static StatusPurpose purpose(String stored) {
        return StatusPurpose.fromValue(stored).orElseThrow(() -> new IllegalStateException("Unknown status list purpose " + stored));
    }

    /** Lists signed with a key that was just rotated or retired are signed again with the active key, in the same transaction. */
    @org.springframework.context.event.EventListener
    void on(IssuerKeys.KeysChanged changed) {
        Organization org = organizations.findById(changed.organizationId()).orElseThrow();
        db.sql("select id, encoded_list, purpose from status_lists where organization_id = ? for update").param(org.id())
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)}).list()
                .forEach(row -> publish(org, (UUID) row[0], purpose((String) row[2]), BitstringStatusList.decode((String) row[1])));
    }

    /** The signed list credential, for {@code /status/{id}}. */
    Optional<String> signedList(UUID listId) {
        return db.sql("select credential from status_lists where id = ?").param(listId).query(String.class).optional();
    }

    /** A signed list credential and its ETag, which changes with every change of the list (the verifiers' version of it). */
    record Signed(String credential, String etag) {}

    Optional<Signed> signedListWithEtag(UUID listId) {
        return db.sql("select credential, etag from status_lists where id = ?").param(listId)
                .query((rs, n) -> new Signed(rs.getString(1), rs.getString(2))).optional();
    }

    /** The OB 3.0 1EdTech revocation list of an organization: the ids of its revoked credentials and why. */
    JsonObject revocationList(Organization org) {
        RevocationList.Builder builder = RevocationList.builder(revocationListUrl(org), keys.did(org.slug()));
        List<String[]> revoked = db.sql("""
                select id, revocation_reason from awards
                where organization_id = ? and status_method = '1EdTechRevocationList' and state = 'revoked' order by revoked_at""")
                .param(org.id()).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        revoked.forEach(r -> builder.revoke(settings.url("/credentials/" + r[0]), r[1]));
        return builder.build().toJson();
    }

    /**
     * Starts the organization's next list. Awards racing to start it agree on its id (the organization and the number
     * of lists it has), so the second insert waits for the first and then does nothing: one list, and no lock on the
     * organization's row. Such a lock ({@code for update}, as this took before) conflicts with the key share lock that
     * every insert into awards takes on that row for its foreign key, and awards racing for a first list deadlocked.
     */
    private UUID create(Organization org, StatusPurpose purpose) {
        long lists = db.sql("select count(*) from status_lists where organization_id = ? and purpose = ?").params(org.id(), purpose.value())
                .query(Long.class).single();
        UUID id = UUID.nameUUIDFromBytes((org.id() + "/" + purpose.value() + "/" + lists).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        BitstringStatusList list = new BitstringStatusList(SIZE);
        int inserted = db.sql("""
                insert into status_lists (id, organization_id, purpose, size, allocated, encoded_list, updated_at)
                values (?, ?, ?, ?, 0, ?, ?) on conflict do nothing""")
                .params(id, org.id(), purpose.value(), SIZE, list.encode(), Timestamp.from(clock.instant())).update();
        if (inserted == 1) publish(org, id, purpose, list);
        return id;
    }

    private void publish(Organization org, UUID listId, StatusPurpose purpose, BitstringStatusList list) {
        Instant now = clock.instant();
        JsonObject unsigned = BitstringStatusListCredential.unsigned(listUrl(listId), keys.did(org.slug()), purpose,
                list, now, null);
        String signed = keys.statusListSigner(org).sign(unsigned).toString();
        db.sql("update status_lists set encoded_list = ?, credential = ?, etag = ?, updated_at = ? where id = ?")
                .params(list.encode(), signed, SecretTokens.hash(signed).substring(0, 32), Timestamp.from(now), listId).update();
    }

    static JsonObject parse(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
