/** Rate math with the house conventions: APR from rate growth over block time, APY compounded daily, 18 decimals. */
package io.lrtyield.common.rate;
