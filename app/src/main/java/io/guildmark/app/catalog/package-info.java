/** The catalog of micro-credentials: their definitions, lifecycle (draft, published, retired), frozen versions, the public catalog, and JSON/CSV interchange. */
@NullMarked
package io.guildmark.app.catalog;

import org.jspecify.annotations.NullMarked;
