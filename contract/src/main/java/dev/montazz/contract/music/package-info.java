/** The music bed under a film: uploaded through ingest-service, kept by merge-service, chosen and levelled by the owner. */
package dev.montazz.contract.music;
