/**
 * yield-service: what each venue pays, net of fees, and why. {@code model} holds the yield models (pure logic),
 * {@code history} the rate history in Redis, {@code pipeline} prices.v1 → quotes → yields.v1, {@code api} REST/gRPC.
 */
package io.lrtyield.yield;
