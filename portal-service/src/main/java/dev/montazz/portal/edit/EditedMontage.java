package dev.montazz.portal.edit;

import java.util.List;

import dev.montazz.contract.MongoCollections;
import dev.montazz.contract.montage.FilmEdit;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the editor reads of a montage: who may edit and see it, the owner's cut (read by merge-service as
 * {@code MontageSettings.edit}), the cuts before it for undo, and a version that makes every change a compare-and-set.
 *
 * @param editUndo earlier cuts, the latest last
 * @param editVersion how many times the cut changed; {@code null} until the first edit
 */
@Document(MongoCollections.MONTAGES)
record EditedMontage(@Id String id, String owner, List<String> contributors, String visibility,
        FilmEdit edit, List<FilmEdit> editUndo, Long editVersion) {

    static final String[] FIELDS = {"owner", "contributors", "visibility", "edit", "editUndo", "editVersion"};

    @Override
    public FilmEdit edit() {
        return edit == null ? FilmEdit.NONE : edit;
    }

    @Override
    public List<FilmEdit> editUndo() {
        return editUndo == null ? List.of() : editUndo;
    }

    @Override
    public List<String> contributors() {
        return contributors == null ? List.of() : contributors;
    }

    boolean ownedBy(String username) {
        return username.equals(owner);
    }

    boolean visibleTo(String username) {
        // Read as a name: the montage package owns the enum and reads the editor, not the other way round.
        return !"PRIVATE".equals(visibility) || contributors().contains(username);
    }
}
