/**
 * The venue catalogue (ARCHITECTURE §5): assets, how their fundamental rate is read, and the venues the vault can
 * use. Loaded at start from a file or URL; adding a venue of a known kind is a catalogue edit, not a code change.
 */
package io.lrtyield.common.catalogue;
