package io.guildmark.app.catalog;

import io.guildmark.app.shared.Problem;

/**
 * The lifecycle rules of a micro-credential as pure functions: draft → published → (edit → publish again) → retired
 * → reinstated. Each answers the next state or refuses with a {@link Problem} saying why.
 */
final class Lifecycle {

    /** Where a micro-credential stands: its status, how many versions are frozen, and whether the working copy differs. */
    record State(AchievementStatus status, int latestVersion, boolean unpublishedChanges) {

        static State newDraft() {
            return new State(AchievementStatus.DRAFT, 0, true);
        }
    }

    /** The outcome of publishing: the next state, and the version to freeze (0 when reinstating without changes). */
    record Publication(State next, int freezesVersion) {

        boolean freezes() {
            return freezesVersion > 0;
        }
    }

    private Lifecycle() {}

    /**
     * Publishing freezes the working copy as version N+1. A retired micro-credential without changes is reinstated under
     * its last version; a published one without changes is refused, since there is nothing new to publish.
     */
    static Publication publish(State state) {
        if (state.latestVersion() > 0 && !state.unpublishedChanges()) {
            if (state.status() == AchievementStatus.RETIRED) {
                return new Publication(new State(AchievementStatus.PUBLISHED, state.latestVersion(), false), 0);
            }
            throw Problem.conflict("nothing-to-publish", "Nothing has changed since version " + state.latestVersion()
                    + " was published; edit the micro-credential first.");
        }
        int version = state.latestVersion() + 1;
        return new Publication(new State(AchievementStatus.PUBLISHED, version, false), version);
    }

    /**
     * An edit changes only the working copy: the status stays, and the public keeps seeing the last published version.
     * {@code sameAsLatestVersion} is true when the edit brings the working copy back to the last published version.
     */
    static State edit(State state, boolean sameAsLatestVersion) {
        boolean changes = state.latestVersion() == 0 || !sameAsLatestVersion;
        return new State(state.status(), state.latestVersion(), changes);
    }

    /** Only a published micro-credential can be retired; its versions stay reachable so earned badges keep resolving. */
    static State retire(State state) {
        if (state.status() == AchievementStatus.DRAFT) {
            throw Problem.conflict("not-published", "A draft that was never published cannot be retired; delete it instead.");
        }
        if (state.status() == AchievementStatus.RETIRED) {
            throw Problem.conflict("already-retired", "This micro-credential is already retired.");
        }
        return new State(AchievementStatus.RETIRED, state.latestVersion(), state.unpublishedChanges());
    }

    /** Only drafts that were never published may be deleted: badges may point at any published version. */
    static void checkDeletable(State state) {
        if (state.status() != AchievementStatus.DRAFT || state.latestVersion() > 0) {
            throw Problem.conflict("published-cannot-be-deleted", "A micro-credential that has been published cannot be deleted, "
                    + "because badges may point at it; retire it instead.");
        }
    }

    static boolean deletable(State state) {
        return state.status() == AchievementStatus.DRAFT && state.latestVersion() == 0;
    }

    static boolean retirable(State state) {
        return state.status() == AchievementStatus.PUBLISHED;
    }

    static boolean publishable(State state) {
        return state.unpublishedChanges() || state.latestVersion() == 0 || state.status() == AchievementStatus.RETIRED;
    }
}
