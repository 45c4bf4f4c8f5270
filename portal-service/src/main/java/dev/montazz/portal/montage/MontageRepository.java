package dev.montazz.portal.montage;

import org.springframework.data.mongodb.repository.MongoRepository;

interface MontageRepository extends MongoRepository<Montage, String> {

    java.util.Optional<Montage> findByInviteCode(String inviteCode);
}
