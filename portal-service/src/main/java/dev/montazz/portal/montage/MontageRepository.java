package dev.montazz.portal.montage;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

interface MontageRepository extends MongoRepository<Montage, String> {

    Page<Montage> findAllByOrderByCreatedAtDesc(Pageable pageable);
}
