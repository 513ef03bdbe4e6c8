package io.guildmark.app.demo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

import io.guildmark.app.accounts.Accounts;
import io.guildmark.app.accounts.User;
import io.guildmark.app.catalog.AchievementDefinition;
import io.guildmark.app.catalog.AchievementDefinition.Alignment;
import io.guildmark.app.catalog.Achievements;
import io.guildmark.app.catalog.EarningRequirement;
import io.guildmark.app.earning.Completions;
import io.guildmark.app.earning.EarningDesigns;
import io.guildmark.app.earning.Submissions;
import io.guildmark.app.earning.Enrollments;
import io.guildmark.app.earning.model.EarningDesign;
import io.guildmark.app.earning.model.Question;
import io.guildmark.app.earning.model.Rubric;
import io.guildmark.app.issuing.Awards;
import io.guildmark.app.organizations.Members;
import io.guildmark.app.pathways.Pathway;
import io.guildmark.app.pathways.Pathways;
import io.guildmark.app.pathways.RuleTree;
import io.guildmark.app.organizations.Organization;
import io.guildmark.app.organizations.Organizations;
import io.guildmark.app.organizations.Role;
import io.guildmark.app.shared.Actor;
import io.guildmark.app.shared.EmailAddress;
import io.guildmark.app.shared.GuildmarkSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start in demo mode, a realistic association to click through: the Cascadia Association of Project
 * Professionals, six micro-credentials aligned to its competency framework, an employer partner, four sign-ins and a
 * few badges already awarded. The passwords are random and printed once.
 */
@Component
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String FRAMEWORK = "CAPP Project Practice Competency Framework 2026";
    private static final String FRAMEWORK_URL = "https://competencies.cascadia-pm.example/framework/2026/";

    private final GuildmarkSettings settings;
    private final DemoSettings demo;
    private final JdbcClient db;
    private final Accounts accounts;
    private final Organizations organizations;
    private final io.guildmark.app.organizations.Partnerships partnerships;
    private final Members members;
    private final Achievements achievements;
    private final Awards awards;
    private final TransactionTemplate transaction;
    private final EarningDesigns designs;
    private final Enrollments enrollments;
    private final Submissions submissions;
    private final Completions completions;
    private final Pathways pathways;
    private final io.guildmark.app.organizations.IssuerApprovals approvals;

    DemoData(GuildmarkSettings settings, DemoSettings demo, JdbcClient db, Accounts accounts, Organizations organizations, Members members,
            Achievements achievements, Awards awards, TransactionTemplate transaction, EarningDesigns designs, Enrollments enrollments,
            Submissions submissions, Completions completions, Pathways pathways,
            io.guildmark.app.organizations.IssuerApprovals approvals, io.guildmark.app.organizations.Partnerships partnerships) {
        this.approvals = approvals;
        this.partnerships = partnerships;
        this.pathways = pathways;
        this.submissions = submissions;
        this.completions = completions;
        this.designs = designs;
        this.enrollments = enrollments;
        this.settings = settings;
        this.demo = demo;
        this.db = db;
        this.accounts = accounts;
        this.organizations = organizations;
        this.members = members;
        this.achievements = achievements;
        this.awards = awards;
        this.transaction = transaction;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedOnFirstStart() {
        if (!settings.demo() || !demo.demoData()) return;
        Long users = db.sql("select count(*) from users").query(Long.class).single();
        if (users > 0) return;
        String[] passwords = {password(), password(), password(), password()};
        transaction.executeWithoutResult(status -> seed(passwords));
        String line = "-".repeat(78);
        log.info("\n{}\n Guildmark demo: the Cascadia Association of Project Professionals is ready at {}\n"
                        + " Sign in with (shown only now; reset a password through the outbox at {}/dev/outbox):\n"
                        + "   staff     staff@cascadia-pm.example      {}\n"
                        + "   reviewer  reviewer@cascadia-pm.example   {}\n"
                        + "   learner   learner@cascadia-pm.example    {}\n"
                        + "   employer  employer@harbor-eng.example    {}\n{}",
                line, settings.baseUrl(), settings.baseUrl(), passwords[0], passwords[1], passwords[2], passwords[3], line);
    }

    void seed(String[] passwords) {
        User staff = accounts.createVerified("Morgan Ellis", EmailAddress.of("staff@cascadia-pm.example"), passwords[0], false);
        User reviewer = accounts.createVerified("Priya Raman", EmailAddress.of("reviewer@cascadia-pm.example"), passwords[1], false);
        User learner = accounts.createVerified("Jordan Alvarez", EmailAddress.of("learner@cascadia-pm.example"), passwords[2], false);
        User employer = accounts.createVerified("Sam Okafor", EmailAddress.of("employer@harbor-eng.example"), passwords[3], false);

        Actor staffActor = new Actor.Person(staff.id(), staff.email(), false);
        Organization capp = organizations.create(staffActor, "cascadia-pm", new Organizations.Profile(
                "Cascadia Association of Project Professionals",
                "A professional association of 12,000 project and program managers in the Pacific Northwest. Our micro-credentials "
                        + "let people new to the profession, or changing careers into it, prove one competency at a time — each about "
                        + "ten hours of work, reviewed by practising members, and stackable toward the CAPP Certificate in Project Practice.",
                "https://cascadia-pm.example", "credentials@cascadia-pm.example"));
        organizations.setLogo(staffActor, capp.slug(), logo("#0f766e", "CAPP"));
        // The demo association issues, so the demo's operator has vetted it (docs/security/issuer-vetting.md).
        approvals.decide(new Actor.PlatformAdmin(), capp.slug(), "approve", "Demo data: the demo association is approved as an issuer.");
        members.add(capp.id(), staff.id(), Role.DESIGNER);
        members.add(capp.id(), staff.id(), Role.ISSUER);
        members.add(capp.id(), reviewer.id(), Role.REVIEWER);
        accounts.setEmployer(reviewer.id(), "Cascadia Health");
        accounts.setEmployer(learner.id(), "Northwind Logistics");
        accounts.setEmployer(employer.id(), "Harbor Engineering Group");

        Actor employerActor = new Actor.Person(employer.id(), employer.email(), false);
        Organization harbor = organizations.create(employerActor, "harbor-engineering", new Organizations.Profile(
                "Harbor Engineering Group", "An engineering firm that co-designs CAPP's micro-credentials and hires from them.",
                "https://harbor-eng.example", "talent@harbor-eng.example"), Organization.Kind.EMPLOYER);
        organizations.setLogo(employerActor, harbor.slug(), logo("#1d4ed8", "HEG"));
        // The employer signs endorsements with its own key, so the operator has vetted it too.
        approvals.decide(new Actor.PlatformAdmin(), harbor.slug(), "approve", "Demo data: the demo employer is approved.");
        var partnership = partnerships.invite(new Actor.PlatformAdmin(), capp.slug(), harbor.slug(),
                "Help us design micro-credentials your project engineers need, and endorse the ones you rely on.");
        partnerships.answer(employerActor, harbor.slug(), partnership.id(), true);

        List<UUID> published = definitions().stream().map(d -> {
            var design = achievements.create(staffActor, capp.slug(), d);
            achievements.publish(staffActor, capp.slug(), design.id());
            return design.id();
        }).toList();
        earningDesigns(staffActor, capp.slug(), published);
        certificatePathway(staffActor, capp.slug(), published);

        awards.award(staffActor, capp.slug(), new Awards.AwardRequest(published.get(0), learner.email(), learner.name(),
                List.of(new Awards.Evidence("Wrote and presented the stakeholder map and communication plan for a community clinic "
                        + "relocation; the reviewer rated all four rubric criteria as meeting the standard.", null, "Clinic relocation plan")),
                null, null));
        awards.award(staffActor, capp.slug(), new Awards.AwardRequest(published.get(2), learner.email(), learner.name(),
                List.of(new Awards.Evidence("Scored 92% on the risk management assessment.", null, "Assessment result")), null, null));
        // The learner is part-way into two more: one free (ethics), one with the assessment still to take (earned value).
        Actor.Person learnerActor = new Actor.Person(learner.id(), learner.email(), false);
        var ethics = enrollments.enroll(learnerActor, published.get(5));
        // Ethics: the learning system reported the module done, and the written analysis waits for the demo reviewer.
        completions.report(staffActor, capp.slug(), new Completions.Report(learner.email(), "CAPP-ETH-100",
                java.time.LocalDate.now().minusDays(3).toString(), learner.name()));
        submissions.saveDraft(learnerActor, ethics.id(), java.util.Map.of(
                "dilemma", "The client asked me to report the project as green to the board while two milestones had slipped. "
                        + "My duty of honesty to the board conflicted with loyalty to the sponsor who hired us.",
                "method", "I gathered the facts (milestone dates, the sponsor's reasons), named the options, tested each against "
                        + "the Code and our contract, chose to report amber with a recovery plan, and reviewed the outcome a month later.",
                "code", "Sections 2.1 (honesty in reporting) and 3.4 (responsibility to stakeholders) applied; 2.1 decided it."),
                false);
        submissions.submit(learnerActor, ethics.id());
        var earnedValue = enrollments.enroll(learnerActor, published.get(3));
        enrollments.markPaid(staffActor, capp.slug(), earnedValue.id());
    }

    /**
     * The CAPP Certificate in Project Practice: three core micro-credentials and one elective, awarded by itself when
     * the last is earned. The demo learner holds two of the core already.
     */
    private void certificatePathway(Actor staff, String slug, List<UUID> ids) {
        var certificate = achievements.create(staff, slug, new AchievementDefinition("CAPP Certificate in Project Practice",
                "Awarded to members who have proven the core competencies of project practice, one micro-credential at a time.",
                "Certificate", "Earn Stakeholder Communication Planning, Risk Register Management and Ethical Decision-Making in "
                        + "Projects, and one elective: Agile Sprint Facilitation, Earned Value Fundamentals or Scope Definition and Change Control.",
                List.of(align("Project practice", "PP-CERT")), List.of("certificate", "pathway"), null, null, null, 60, null, null, "USD",
                null, null, "PP-CERT", List.of()));
        achievements.publish(staff, slug, certificate.id());
        Pathway pathway = pathways.create(staff, slug, new Pathways.Details("Certificate in Project Practice",
                "From your first micro-credential to the CAPP Certificate in Project Practice: three core competencies and one elective.",
                Pathway.CapstoneKind.CREDENTIAL, certificate.id()));
        pathways.editRules(staff, slug, pathway.id(), new RuleTree.ChangeGroup("", new RuleTree.AllOf("Certificate in Project Practice", List.of())));
        for (int core : List.of(0, 2, 5)) pathways.editRules(staff, slug, pathway.id(), new RuleTree.AddStep("", ids.get(core)));
        pathways.editRules(staff, slug, pathway.id(), new RuleTree.AddGroup("", new RuleTree.AtLeast("Electives", 1, List.of())));
        for (int elective : List.of(1, 3, 4)) pathways.editRules(staff, slug, pathway.id(), new RuleTree.AddStep("3", ids.get(elective)));
        pathways.publish(staff, slug, pathway.id());
    }

    /** How each demo micro-credential is earned online: rubrics, question banks, review rules, course codes. */
    private void earningDesigns(Actor staff, String slug, List<UUID> ids) {
        designs.save(staff, slug, ids.get(0), new EarningDesign(rubric(ids.get(0), List.of(
                        criterion("register", "Stakeholder register", "Lists every group affected, with role and contact."),
                        criterion("analysis", "Influence and interest analysis", "Places each stakeholder on the grid with reasons."),
                        criterion("channels", "Channels and frequency", "Matches channel and frequency to each group's needs."),
                        criterion("reflection", "Reflection", "Names what the author would do differently, with evidence."))),
                null, submission("Upload your stakeholder register and communication plan (PDF, Word or Excel) and answer each criterion in a few sentences.", 1),
                null, null, List.of()));
        designs.save(staff, slug, ids.get(1), new EarningDesign(rubric(ids.get(1), List.of(
                        criterion("structure", "Structure", "Runs each ceremony to its purpose and timebox."),
                        criterion("inclusion", "Inclusion", "Every team member speaks; quieter voices are invited in."),
                        criterion("outcomes", "Outcomes", "Ends with owned, specific improvement actions."))),
                null, null, new EarningDesign.DemonstrationDesign("A CAPP assessor observes you facilitate a retrospective, in person or from a recording you share."),
                new EarningDesign.CompletionDesign("CAPP-AGILE-101"), List.of()));
        designs.save(staff, slug, ids.get(2), new EarningDesign(rubric(ids.get(2), List.of(
                        criterion("identification", "Risk identification", "At least ten specific risks, each with cause and effect."),
                        criterion("assessment", "Assessment", "Probability and impact rated on a stated scale."),
                        criterion("responses", "Responses and owners", "Every high risk has an owner and a response strategy."))),
                riskAssessment(), submission("Upload your risk register (Excel or PDF) and describe, for each criterion, how your register meets it.", 1),
                null, null, List.of()));
        designs.save(staff, slug, ids.get(3), new EarningDesign(rubric(ids.get(3), List.of(
                        criterion("calculation", "Calculation", "PV, EV, AC, SPI and CPI computed correctly."),
                        criterion("interpretation", "Interpretation", "Explains what the indices mean for the sponsor's decisions."))),
                earnedValueAssessment(), submission("Upload a one-page status report for the case study project (PDF).", 1),
                null, null, List.of(ids.get(2))));
        designs.save(staff, slug, ids.get(4), new EarningDesign(rubric(ids.get(4), List.of(
                        criterion("scope", "Scope statement", "States deliverables, exclusions, assumptions and acceptance criteria."),
                        criterion("wbs", "Work breakdown structure", "Decomposes to work packages, 100% rule respected."),
                        criterion("change", "Change request", "Analyses impact on scope, schedule, cost and risk."))),
                null, submission("Upload your scope statement, WBS and change request. Two reviewers, one from Harbor Engineering Group, review each submission.", 2),
                null, null, List.of()));
        designs.save(staff, slug, ids.get(5), new EarningDesign(rubric(ids.get(5), List.of(
                        criterion("dilemma", "Naming the dilemma", "States the conflicting duties and who is affected."),
                        criterion("method", "Five-step method", "Applies every step of the CAPP decision method."),
                        criterion("code", "Code of Ethics", "Cites the relevant sections of the CAPP Code of Ethics."))),
                null, submission("Write your analysis of the two case studies, one response per criterion. Upload supporting notes if you like.", 1),
                null, new EarningDesign.CompletionDesign("CAPP-ETH-100"), List.of()));
    }

    private Rubric rubric(UUID achievementId, List<Rubric.Criterion> criteria) {
        return new Rubric(settings.url("/achievements/" + achievementId + "/rubric"), criteria);
    }

    private static Rubric.Criterion criterion(String key, String name, String meets) {
        return new Rubric.Criterion(key, name, List.of(
                new Rubric.Level("not-yet", "Not yet", "Missing, or not yet at the standard described under Meets."),
                new Rubric.Level("meets", "Meets", meets),
                new Rubric.Level("exceeds", "Exceeds", "Meets the standard and would serve as an example for other members.")), "meets");
    }

    private static EarningDesign.SubmissionDesign submission(String instructions, int reviewers) {
        return new EarningDesign.SubmissionDesign(instructions, List.of("pdf", "docx", "xlsx", "png", "jpeg"), 25, 5, true, 2,
                reviewers, false, true, 14, null);
    }

    private static EarningDesign.AssessmentDesign riskAssessment() {
        return new EarningDesign.AssessmentDesign(List.of(
                new Question.SingleChoice("q1", "Which is a risk rather than an issue?", List.of("The supplier missed yesterday's delivery",
                        "The supplier may miss next month's delivery", "The budget was cut last week"), "The supplier may miss next month's delivery",
                        "A risk is uncertain and in the future; an issue has already happened."),
                new Question.TrueFalse("q2", "Every risk in the register needs a named owner.", true, "Unowned risks are unmanaged risks."),
                new Question.MultipleChoice("q3", "Which are strategies for responding to a threat?", List.of("Avoid", "Transfer", "Mitigate", "Exploit"),
                        java.util.Set.of("Avoid", "Transfer", "Mitigate"), "Exploit is a response to an opportunity, not a threat."),
                new Question.SingleChoice("q4", "Probability 0.3 and impact 40,000 give an expected monetary value of…",
                        List.of("12,000", "40,300", "133,333"), "12,000", "EMV is probability times impact."),
                new Question.ShortAnswer("q5", "What is the name of the document that lists identified risks, their analysis and responses?",
                        "risk register|risk log", true, true, "The risk register (or risk log) is the project's single list of risks."),
                new Question.TrueFalse("q6", "A risk register is written once at the start of the project.", false,
                        "It is reviewed and updated throughout the project.")),
                5, 80, 2, 48, 30);
    }

    private static EarningDesign.AssessmentDesign earnedValueAssessment() {
        return new EarningDesign.AssessmentDesign(List.of(
                new Question.SingleChoice("q1", "EV = 80, PV = 100. What is the SPI?", List.of("0.8", "1.25", "20"), "0.8", "SPI = EV / PV."),
                new Question.SingleChoice("q2", "EV = 80, AC = 100. What is the CPI?", List.of("0.8", "1.25", "-20"), "0.8", "CPI = EV / AC."),
                new Question.TrueFalse("q3", "A CPI below 1 means the project is over budget for the work done.", true,
                        "Each unit of cost is buying less than a unit of value."),
                new Question.ShortAnswer("q4", "What does the abbreviation PV stand for?", "planned value", false, true,
                        "PV is the budgeted cost of the work scheduled to date."),
                new Question.MultipleChoice("q5", "Which two measures does the CPI use?", List.of("Earned value", "Actual cost", "Planned value"),
                        java.util.Set.of("Earned value", "Actual cost"), "CPI = EV / AC; PV belongs to the schedule index.")),
                5, 80, 3, 24, null);
    }

    private static List<AchievementDefinition> definitions() {
        return List.of(
                definition("Stakeholder Communication Planning",
                        "Identifies a project's stakeholders, analyses their influence and interest, and plans who hears what, when and how.",
                        "Submit a stakeholder register and communication plan for a real or realistic project (template provided), "
                                + "plus a 300-word reflection. A member reviewer checks it against the four-criterion rubric: completeness "
                                + "of the register, soundness of the influence/interest analysis, fit of channels and frequency, and quality of "
                                + "the reflection. All four must meet the standard.",
                        List.of(align("Stakeholder engagement", "PP-COM-1"), align("Communication planning", "PP-COM-2")),
                        List.of("communication", "stakeholders", "early career"), 10, 10, "PDU", 36, 14900L, 19900L, "PP-COM",
                        List.of(new EarningRequirement.Submission("Stakeholder register, communication plan and reflection, reviewed against the rubric"))),
                definition("Agile Sprint Facilitation",
                        "Facilitates sprint planning, daily stand-ups, reviews and retrospectives so that a team improves sprint by sprint.",
                        "Complete the online module (about 4 hours), then facilitate two retrospectives and one sprint review. Submit the "
                                + "agendas, outcomes and a 2-minute video excerpt; a reviewer observes and scores the facilitation rubric.",
                        List.of(align("Agile delivery", "PP-AGL-3"), align("Team facilitation", "PP-LDR-2")),
                        List.of("agile", "scrum", "facilitation"), 12, 12, "PDU", 36, 17900L, 22900L, "PP-AGL",
                        List.of(new EarningRequirement.Completion("The Sprint Facilitation module in the CAPP learning system"),
                                new EarningRequirement.Demonstration("Facilitation of two retrospectives and a sprint review, observed against the rubric"))),
                definition("Risk Register Management",
                        "Builds and maintains a risk register: identification, qualitative assessment, owners, responses and review cadence.",
                        "Pass the 30-question risk management assessment with at least 80% (two attempts, 48 hours apart), and submit "
                                + "a risk register for a project of your choice with at least ten risks, owners and response strategies.",
                        List.of(align("Risk identification and analysis", "PP-RSK-1"), align("Risk response planning", "PP-RSK-2")),
                        List.of("risk", "planning"), 8, 8, "PDU", 36, 12900L, 17900L, "PP-RSK",
                        List.of(new EarningRequirement.Assessment("30 questions, pass mark 80%, two attempts"),
                                new EarningRequirement.Submission("A risk register with at least ten risks"))),
                definition("Earned Value Fundamentals",
                        "Calculates and interprets planned value, earned value, actual cost, SPI and CPI to report a project's health.",
                        "Pass the earned value assessment (calculation and interpretation, 25 questions, 80%), then submit a one-page "
                                + "status report for the case study project that interprets its SPI and CPI for an executive sponsor.",
                        List.of(align("Cost and schedule control", "PP-CST-2")),
                        List.of("cost control", "reporting", "certification prep"), 10, 10, "PDU", null, 14900L, 19900L, "PP-EVM",
                        List.of(new EarningRequirement.Assessment("25 questions, pass mark 80%"),
                                new EarningRequirement.Submission("Executive status report for the case study"))),
                definition("Scope Definition and Change Control",
                        "Writes a scope statement and work breakdown structure, and runs changes through a documented change control process.",
                        "Submit a scope statement, a WBS to work-package level and a completed change request with its impact analysis. "
                                + "Co-designed with Harbor Engineering Group, whose engineers review submissions alongside CAPP members.",
                        List.of(align("Scope management", "PP-SCP-1"), align("Change control", "PP-SCP-3")),
                        List.of("scope", "change control", "employer co-designed"), 10, 10, "PDU", 36, 14900L, 19900L, "PP-SCP",
                        List.of(new EarningRequirement.Submission("Scope statement, WBS and change request, reviewed against the rubric"))),
                definition("Ethical Decision-Making in Projects",
                        "Recognises ethical dilemmas in project work and resolves them using the CAPP Code of Ethics and a structured method.",
                        "Complete the ethics module and analyse two case studies in writing using the five-step decision method; a member "
                                + "reviewer gives feedback on each analysis. Counts toward the 5 ethics credits required for recertification.",
                        List.of(align("Professional ethics", "PP-ETH-1")),
                        List.of("ethics", "recertification"), 6, 6, "PDU", 36, null, null, "PP-ETH",
                        List.of(new EarningRequirement.Completion("The Ethics in Practice module"),
                                new EarningRequirement.Submission("Two written case analyses"))));
    }

    private static AchievementDefinition definition(String name, String description, String criteria, List<Alignment> alignments,
            List<String> tags, int hours, int credits, String creditType, Integer validityMonths, Long memberPrice, Long nonMemberPrice,
            String code, List<EarningRequirement> requirements) {
        return new AchievementDefinition(name, description, "MicroCredential", criteria, alignments, tags, BigDecimal.valueOf(hours),
                BigDecimal.valueOf(credits), creditType, validityMonths, memberPrice, nonMemberPrice, "USD", null, null, code, requirements);
    }

    private static Alignment align(String name, String code) {
        return new Alignment(name, FRAMEWORK_URL + code.toLowerCase(), FRAMEWORK, code, null, "CFItem");
    }

    private static byte[] logo(String color, String letters) {
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 120\"><rect width=\"120\" height=\"120\" rx=\"24\" fill=\""
                + color + "\"/><text x=\"60\" y=\"72\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"34\" "
                + "font-weight=\"bold\" fill=\"#fff\">" + letters + "</text></svg>").getBytes(StandardCharsets.UTF_8);
    }

    private static String password() {
        String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) s.append('-');
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
