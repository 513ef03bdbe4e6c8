package io.guildmark.app.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.guildmark.app.organizations.Role;
import io.guildmark.app.support.EarningWorld;
import io.guildmark.app.support.IntegrationTest;
import io.guildmark.app.support.SignedInClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class RosterPagesIntegrationTest extends IntegrationTest {

    @Autowired ApplicationContext context;

    private EarningWorld world;
    private EarningWorld.Program program;
    private SignedInClient owner;

    @BeforeEach
    void anAssociationAndItsOwnerSignedIn() {
        world = new EarningWorld(context, admin(), baseUrl());
        program = world.program("roster-pages", EarningWorld.onlyDemonstration());
        owner = new SignedInClient(baseUrl(), program.owner().email(), EarningWorld.PASSWORD);
    }

    @Test
    void staffImportAMembershipExportWithABomAndSeveralAddressesPerMember() {
        String csv = "\uFEFFmember_number,name,emails,status,member_type,expires_on\n"
                + "M-1,Ada Member,ada@example.org; ada.work@example.org,active,professional,2027-06-30\n"
                + "M-2,=HYPERLINK(\"http://evil.example\"),bob@example.org,,student,\n"
                + "M-3,Cy Lapsed,cy@example.org,lapsed,,2025-01-01\n";
        SignedInClient.Download result = upload(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("Roster imported", "3</span> new");
        assertThat(members()).isEqualTo(3);

        String page = owner.get("/organizations/" + program.slug() + "/roster?q=ada.work").body();
        assertThat(page).contains("Ada Member", "ada.work@example.org", "of <span>1</span> members");

        SignedInClient.Download export = owner.get("/organizations/" + program.slug() + "/roster.csv");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        assertThat(export.body()).startsWith("member_number,name,emails,status,member_type,expires_on")
                .contains("M-1,Ada Member,ada.work@example.org;ada@example.org,active,professional,2027-06-30")
                .contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
        assertThat(owner.get("/organizations/" + program.slug() + "/roster.csv?status=lapsed").body()).contains("M-3").doesNotContain("M-1");
    }

    @Test
    void aFileWithAnyBadRowStoresNothingAndNamesEveryBadLine() {
        String csv = "member_number,name,emails,status\nG-1,Good One,good@example.org,active\nB 2,,not-an-address,retired\nG-1,Twice,t@example.org,active\n";
        SignedInClient.Download result = upload(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("Nothing was stored", "Line 3: memberNumber", "Line 3: name", "Line 3: emails[0]", "Line 3: status",
                "Line 4: memberNumber");
        assertThat(members()).isZero();

        assertThat(upload("name,emails\nNo Number,n@example.org\n".getBytes(StandardCharsets.UTF_8)).body()).contains("member_number is missing");
        byte[] latin1 = "member_number,name\nL-1,Jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(upload(latin1).body()).contains("not UTF-8");
        assertThat(members()).isZero();
    }

    @Test
    void reviewersAndOutsidersCannotSeeOrChangeTheRoster() {
        var reviewer = world.member(program, Role.REVIEWER, "Rae Reviewer", null);
        SignedInClient asReviewer = new SignedInClient(baseUrl(), reviewer.email(), EarningWorld.PASSWORD);
        assertThat(asReviewer.get("/organizations/" + program.slug() + "/roster").status()).isEqualTo(403);
        assertThat(asReviewer.get("/organizations/" + program.slug() + "/roster.csv").status()).isEqualTo(403);
        var outsider = world.person("Otto Outsider", null);
        SignedInClient asOutsider = new SignedInClient(baseUrl(), outsider.email(), EarningWorld.PASSWORD);
        assertThat(asOutsider.get("/organizations/" + program.slug() + "/roster").status()).isEqualTo(404);
        assertThat(asOutsider.postMultipart("/dashboard", "/organizations/" + program.slug() + "/roster/upload", Map.of(), "file", "r.csv",
                "text/csv", "member_number,name\nX-1,Mallory\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(404);
        assertThat(members()).isZero();
    }

    @Test
    void theListPagesFiftyAtATimeWithTheTotal() {
        StringBuilder csv = new StringBuilder("member_number,name,emails\n");
        for (int i = 1; i <= 120; i++) csv.append(String.format("N-%03d,Nia %d,nia%d@example.org\n", i, i, i));
        assertThat(upload(csv.toString().getBytes(StandardCharsets.UTF_8)).body()).contains("120</span> new");
        String first = owner.get("/organizations/" + program.slug() + "/roster").body();
        assertThat(first).contains("Showing <span>1</span>–<span>50</span>", "of <span>120</span> members", "N-050").doesNotContain("N-051");
        String next = first.substring(first.indexOf("rel=\"next\""));
        String href = next.substring(next.indexOf("href=\"") + 6, next.indexOf('"', next.indexOf("href=\"") + 6)).replace("&amp;", "&");
        String second = owner.get(href).body();
        assertThat(second).contains("Showing <span>51</span>–<span>100</span>", "N-051", "N-100").doesNotContain("N-050<");
        assertThat(owner.get("/organizations/" + program.slug() + "/roster?cursor=tampered").body()).contains("not one this list gave out");
        assertThat(List.of(owner.get("/organizations/" + program.slug() + "/roster.csv").body().split("\n"))).hasSize(121);
    }

    private SignedInClient.Download upload(byte[] csv) {
        return owner.postMultipart("/organizations/" + program.slug() + "/roster", "/organizations/" + program.slug() + "/roster/upload",
                Map.of(), "file", "roster.csv", "text/csv", csv);
    }

    private long members() {
        return db.sql("select count(*) from roster_members where organization_id = ?").param(program.organizationId()).query(Long.class).single();
    }
}
