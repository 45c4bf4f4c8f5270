package dev.montazz.portal.montage;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

interface MontageRepository extends MongoRepository<Montage, String> {

    /** What a person's list shows: montages they contribute to, and public ones. */
    Page<Montage> findByContributorsContainsOrVisibilityOrderByCreatedAtDesc(String contributor,
            Montage.Visibility visibility, Pageable pageable);

    java.util.Optional<Montage> findByInviteCode(String inviteCode);
}
