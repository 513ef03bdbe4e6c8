/**
 * Online payment and orders: an organization connects its own Stripe account; enrolling in a priced micro-credential
 * becomes an order paid through Stripe Checkout, started only when Stripe's signed webhook confirms the payment; staff
 * refund; discount codes, tax settings, PDF receipts and employer seats. See docs/payments.md.
 */
@NullMarked
package io.guildmark.app.payments;

import org.jspecify.annotations.NullMarked;
