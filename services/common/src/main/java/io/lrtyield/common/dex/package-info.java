/** DEX pool math shared by the devnet simulator and the yield service (one implementation of each invariant). */
package io.lrtyield.common.dex;
