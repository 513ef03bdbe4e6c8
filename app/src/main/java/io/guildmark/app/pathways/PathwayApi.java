package io.guildmark.app.pathways;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.guildmark.app.shared.GuildmarkSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

@ApiController
@Tag(name = "Pathways", description = "Pathways from micro-credentials to certificates and certification eligibility, and learners' progress on them")
class PathwayApi {

    @Schema(description = "A node of a rule tree: kind is allOf, atLeast (count of parts), credits (minimum credits from the listed micro-credentials) or earn (one micro-credential)")
    record RuleBody(String kind, @Nullable String label, @Nullable Integer count, @Nullable BigDecimal minimum, @Nullable UUID achievementId,
            @Nullable List<UUID> from, @Nullable List<RuleBody> parts) {}

    record Capstone(@Schema(description = "credential (a stacked credential is awarded) or eligibility (certification eligibility is recorded)") String kind,
            @Nullable UUID achievementId, @Nullable String name) {}

    record VersionItem(int version, Instant publishedAt, String name, @Nullable String description, Capstone capstone, RuleBody rules,
            List<UUID> deeperDives, boolean latest) {}

    record PathwayItem(UUID id, String name, @Nullable String description, String status, int latestVersion, boolean unpublishedChanges,
            Capstone capstone, String url, List<VersionItem> versions, PriceView prices) {}

    @Schema(description = "A pathway's prices in the currency's minor unit (cents); null: no such price. A priced pathway is started by paying.")
    record PriceView(@Nullable Long memberPriceMinor, @Nullable Long nonMemberPriceMinor, String currency,
            java.util.Map<String, Long> memberTypePricesMinor, boolean priced) {}

    @Schema(description = "Prices in the major unit as text (\"49.50\"); blank or absent: no such price. Replaces every price of the pathway.")
    record PriceBody(@Nullable String memberPrice, @Nullable String nonMemberPrice, @Nullable String currency,
            java.util.@Nullable Map<String, String> memberTypePrices) {}

    record PathwayList(List<PathwayItem> items) {}

    record CompletedStep(UUID achievementId, String name, @Nullable UUID awardId, @Nullable String credentialUrl, @Nullable BigDecimal credits) {}

    record StepRef(UUID achievementId, String name, String state, String url) {}

    record OpenRequirement(String label, String rule, int percent) {}

    record CreditGroup(String label, BigDecimal earned, BigDecimal minimum, String unit, boolean satisfied) {}

    record PathwayProgress(UUID pathwayId, String name, int version, boolean newerVersionAvailable, int percent, boolean satisfied,
            boolean completed, @Nullable Instant completedAt, @Nullable UUID capstoneAwardId, @Nullable UUID eligibilityId,
            List<CompletedStep> completedSteps, List<OpenRequirement> remainingRequirements, List<StepRef> remainingSteps,
            @Nullable StepRef nextStep, List<CreditGroup> creditGroups) {}

    record Progress(String email, List<PathwayProgress> pathways,
            @Schema(description = "Continuing-education credits per renewal rule and cycle (current and past), from the credit ledger")
            List<io.guildmark.app.credits.CycleView> creditCycles) {}

    private final Pathways pathways;
    private final LearnerPathways learners;
    private final StepCatalog catalog;
    private final GuildmarkSettings settings;
    private final io.guildmark.app.credits.Ledger ledger;
    private final io.guildmark.app.organizations.Organizations organizations;
    private final java.time.Clock clock;
    private final PathwayPrices prices;

    PathwayApi(Pathways pathways, LearnerPathways learners, StepCatalog catalog, GuildmarkSettings settings,
            io.guildmark.app.credits.Ledger ledger, io.guildmark.app.organizations.Organizations organizations, java.time.Clock clock,
            PathwayPrices prices) {
        this.prices = prices;
        this.ledger = ledger;
        this.organizations = organizations;
        this.clock = clock;
        this.pathways = pathways;
        this.learners = learners;
        this.catalog = catalog;
        this.settings = settings;
    }

    @GetMapping("/api/v1/organizations/{slug}/pathways")
    @Operation(summary = "The organization's pathways, drafts included, with every published version's rule tree and capstone")
    PathwayList list(@PathVariable String slug) {
        Actor actor = CurrentActor.get();
        return new PathwayList(pathways.list(actor, slug).stream().map(p -> new PathwayItem(p.id(), p.name(), p.description(), p.status().id(),
                p.latestVersion(), p.unpublishedChanges(), capstone(p.capstoneKind(), p.capstoneAchievementId()),
                settings.url("/pathways/" + p.id()),
                pathways.versions(actor, slug, p.id()).stream().map(v -> new VersionItem(v.version(), v.publishedAt(), v.name(), v.description(),
                        capstone(v.capstoneKind(), v.capstoneAchievementId()), rule(v.rules()), v.deeperDives(), v.latest())).toList(),
                view(prices.of(p.id()))))
                .toList());
    }

    @GetMapping("/api/v1/organizations/{slug}/pathways/{id}/prices")
    @Operation(summary = "A pathway's prices: member, non-member and per member type")
    PriceView prices(@PathVariable String slug, @PathVariable UUID id) {
        return view(prices.get(CurrentActor.get(), slug, id));
    }

    @PutMapping("/api/v1/organizations/{slug}/pathways/{id}/prices")
    @Operation(summary = "Replace a pathway's prices (designers)",
            description = "Amounts in the major unit (\"49.50\"); a negative amount, one finer than the currency's smallest unit, one above "
                    + "100,000,000.00, an unknown currency or more than 20 member types is refused with 400 naming the field, and nothing changes.")
    PriceView setPrices(@PathVariable String slug, @PathVariable UUID id, @RequestBody PriceBody body) {
        return view(prices.save(CurrentActor.get(), slug, id,
                new PathwayPrices.Draft(body.memberPrice(), body.nonMemberPrice(), body.currency(), body.memberTypePrices())));
    }

    private static PriceView view(PathwayPrices.Prices p) {
        return new PriceView(p.memberPrice(), p.nonMemberPrice(), p.currency(), p.byType(), p.priced());
    }

    @GetMapping("/api/v1/organizations/{slug}/learners/{email}/progress")
    @Operation(summary = "A learner's progress on every pathway of the organization they are on or hold a step of: completed and remaining requirements, next step, credits per credit group")
    Progress progress(@PathVariable String slug, @PathVariable String email) {
        List<Standing> standings = learners.progress(CurrentActor.get(), slug, email);
        String address = standings.isEmpty() ? io.guildmark.app.shared.EmailAddress.of(email).value() : standings.get(0).email();
        List<PathwayProgress> items = standings.stream().map(this::progress).toList();
        // learners.progress has checked the actor may see this organization's learners.
        java.util.UUID orgId = organizations.findBySlug(slug).orElseThrow().id();
        return new Progress(address, items, ledger.cyclesFor(orgId, address, java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)));
    }

    private PathwayProgress progress(Standing s) {
        Learner l = s.learner();
        boolean newer = pathways.published(s.pathway().pathwayId()).map(v -> v.version() > s.pathway().version()).orElse(false);
        return new PathwayProgress(s.pathway().pathwayId(), s.pathway().name(), s.pathway().version(), newer && (l == null || l.active()),
                s.percent(), s.satisfied(), s.completed(), l == null ? null : l.completedAt(), l == null ? null : l.awardId(), s.eligibilityId(),
                s.earnedSteps().stream().map(step -> new CompletedStep(step.achievementId(), step.name(), step.awardId(),
                        step.awardId() == null ? null : settings.url("/credentials/" + step.awardId()), step.credits())).toList(),
                s.openGroups().stream().map(g -> new OpenRequirement(g.label(), g.rule(), g.percent())).toList(),
                s.remainingSteps().stream().map(id -> s.step(id).map(this::ref).orElseThrow()).toList(),
                s.next() == null ? null : ref(s.next()),
                s.creditGroups().stream().map(g -> new CreditGroup(g.label(), g.earned(), g.minimum(), g.unit(), g.satisfied())).toList());
    }

    private StepRef ref(Standing.Step step) {
        return new StepRef(step.achievementId(), step.name(), step.state().name().toLowerCase(java.util.Locale.ROOT),
                settings.url("/achievements/" + step.achievementId()));
    }

    private Capstone capstone(Pathway.CapstoneKind kind, @Nullable UUID achievementId) {
        String name = achievementId == null ? null : catalog.published(achievementId).map(StepCatalog.Info::name).orElse(null);
        return new Capstone(kind.id(), achievementId, name);
    }

    static RuleBody rule(RuleTree.Rule rule) {
        if (rule instanceof RuleTree.Step s) return new RuleBody("earn", null, null, null, s.achievementId(), null, null);
        if (rule instanceof RuleTree.Credits c) return new RuleBody("credits", c.label(), null, c.minimum(), null, c.from(), null);
        List<RuleBody> parts = RuleTree.parts(rule).stream().map(PathwayApi::rule).toList();
        if (rule instanceof RuleTree.AtLeast a) return new RuleBody("atLeast", a.label(), a.count(), null, null, null, parts);
        return new RuleBody("allOf", RuleTree.label(rule), null, null, null, null, parts);
    }
}
