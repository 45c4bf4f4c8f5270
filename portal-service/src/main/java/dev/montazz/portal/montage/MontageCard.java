package dev.montazz.portal.montage;

import java.util.List;
import java.util.Optional;

import dev.montazz.contract.montage.Framing;
import dev.montazz.contract.montage.Layout;
import dev.montazz.contract.montage.Transition;
import dev.montazz.contract.render.RenderStatus;
import dev.montazz.contract.render.RenderView;

/** A montage as the pages show it: what portal-service owns, plus the latest render if there is one. */
public record MontageCard(String id, String title, String owner, String ownerName, Montage.Visibility visibility,
        Layout layout, Transition transition, Framing framing, String inviteCode, Integer maxShotSeconds, java.time.Instant createdAt, Optional<RenderView> render) {

    /** Only the owner sees the invitation code, so only they hand it out. */
    public boolean ownedBy(String username) {
        return owner != null && owner.equals(username);
    }


    public RenderStatus status() {
        return render.map(RenderView::status).orElse(RenderStatus.RECORDING);
    }

    /** Whether a render is under way, for a progress bar. */
    public boolean rendering() {
        return status() == RenderStatus.RENDERING;
    }

    public List<String> contributors() {
        return render.map(RenderView::shots).orElse(List.of()).stream().map(RenderView.ShotView::contributor)
                .distinct().toList();
    }
}
