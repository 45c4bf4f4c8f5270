/** What the instances serving the live montage tell each other. */
package dev.montazz.contract.live;
