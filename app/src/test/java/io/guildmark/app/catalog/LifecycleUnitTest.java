package io.guildmark.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guildmark.app.shared.Problem;
import org.junit.jupiter.api.Test;

class LifecycleUnitTest {

    private static final Lifecycle.State DRAFT = Lifecycle.State.newDraft();

    @Test
    void publishingADraftFreezesVersionOne() {
        Lifecycle.Publication publication = Lifecycle.publish(DRAFT);
        assertThat(publication.freezesVersion()).isEqualTo(1);
        assertThat(publication.next()).isEqualTo(new Lifecycle.State(AchievementStatus.PUBLISHED, 1, false));
    }

    @Test
    void publishingWithoutChangesIsRefused() {
        Lifecycle.State published = Lifecycle.publish(DRAFT).next();
        assertThatThrownBy(() -> Lifecycle.publish(published))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.code()).isEqualTo("nothing-to-publish");
                    assertThat(p.getMessage()).contains("Nothing has changed since version 1");
                });
    }

    @Test
    void editingPublishedCredentialKeepsOldVersionUnchanged() {
        Lifecycle.State published = Lifecycle.publish(DRAFT).next();
        Lifecycle.State edited = Lifecycle.edit(published, false);
        assertThat(edited.status()).isEqualTo(AchievementStatus.PUBLISHED);
        assertThat(edited.latestVersion()).isEqualTo(1);
        assertThat(edited.unpublishedChanges()).isTrue();

        Lifecycle.Publication second = Lifecycle.publish(edited);
        assertThat(second.freezesVersion()).isEqualTo(2);
        assertThat(second.next().latestVersion()).isEqualTo(2);
    }

    @Test
    void editingBackToThePublishedVersionLeavesNothingToPublish() {
        Lifecycle.State published = Lifecycle.publish(DRAFT).next();
        Lifecycle.State reverted = Lifecycle.edit(Lifecycle.edit(published, false), true);
        assertThat(reverted.unpublishedChanges()).isFalse();
        assertThatThrownBy(() -> Lifecycle.publish(reverted)).isInstanceOf(Problem.class);
    }

    @Test
    void editingADraftKeepsItADraftWithChanges() {
        assertThat(Lifecycle.edit(DRAFT, true)).isEqualTo(DRAFT);
    }

    @Test
    void retiringKeepsTheVersionsAndReinstatingNeedsNoNewVersion() {
        Lifecycle.State retired = Lifecycle.retire(Lifecycle.publish(DRAFT).next());
        assertThat(retired).isEqualTo(new Lifecycle.State(AchievementStatus.RETIRED, 1, false));

        Lifecycle.Publication reinstated = Lifecycle.publish(retired);
        assertThat(reinstated.freezes()).isFalse();
        assertThat(reinstated.next()).isEqualTo(new Lifecycle.State(AchievementStatus.PUBLISHED, 1, false));
    }

    @Test
    void reinstatingAnEditedRetiredCredentialPublishesTheNextVersion() {
        Lifecycle.State retiredAndEdited = Lifecycle.edit(Lifecycle.retire(Lifecycle.publish(DRAFT).next()), false);
        Lifecycle.Publication publication = Lifecycle.publish(retiredAndEdited);
        assertThat(publication.freezesVersion()).isEqualTo(2);
        assertThat(publication.next().status()).isEqualTo(AchievementStatus.PUBLISHED);
    }

    @Test
    void draftsCannotBeRetiredAndRetiredCannotBeRetiredAgain() {
        assertThatThrownBy(() -> Lifecycle.retire(DRAFT)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.code()).isEqualTo("not-published"));
        Lifecycle.State retired = Lifecycle.retire(Lifecycle.publish(DRAFT).next());
        assertThatThrownBy(() -> Lifecycle.retire(retired)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.code()).isEqualTo("already-retired"));
    }

    @Test
    void onlyNeverPublishedDraftsCanBeDeleted() {
        Lifecycle.checkDeletable(DRAFT);
        Lifecycle.State published = Lifecycle.publish(DRAFT).next();
        assertThatThrownBy(() -> Lifecycle.checkDeletable(published)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> Lifecycle.checkDeletable(Lifecycle.retire(published))).isInstanceOf(Problem.class);
        assertThat(Lifecycle.deletable(DRAFT)).isTrue();
        assertThat(Lifecycle.deletable(published)).isFalse();
    }
}
