/**
 * The operator console: one web page (src/main/resources/META-INF/resources, plain JavaScript modules, uPlot charts
 * bundled from npm at build time) and {@link io.lrtyield.console.ApiForwarder}, which gives the page one origin for the
 * price, yield and rebalancer services' REST, server-sent events and admin API and the devnet's scenario API. The
 * console holds no state and no secret: the operator's bearer token lives in the page's memory and is passed through.
 */
package io.lrtyield.console;
