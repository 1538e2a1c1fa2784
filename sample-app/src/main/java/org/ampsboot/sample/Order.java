package org.ampsboot.sample;

/**
 * An order, published and received as JSON.
 * @param id the order id
 * @param symbol the instrument
 * @param qty the quantity
 */
record Order(int id, String symbol, int qty) {
}
