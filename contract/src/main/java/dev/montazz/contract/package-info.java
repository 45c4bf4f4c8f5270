/**
 * The published language of Montazz: what the services share, written once. Names (topics, headers, collections,
 * buckets), the records sent on each topic, the enums for statuses and layouts, and the read models through which a
 * service reads another's collection. Nothing here does anything; a service that needs behaviour builds it on these.
 * docs/kafka-contract.md describes the same contract for people and is checked against it by this module's tests.
 */
package dev.montazz.contract;
