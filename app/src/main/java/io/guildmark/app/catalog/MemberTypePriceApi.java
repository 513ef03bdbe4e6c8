package io.guildmark.app.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.guildmark.app.shared.ApiController;
import io.guildmark.app.shared.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Prices of a micro-credential per member type, over JSON. */
@ApiController
@Tag(name = "Catalog")
class MemberTypePriceApi {

    private static final String PATH = "/api/v1/organizations/{slug}/achievements/{id}/member-type-prices";

    @Schema(description = "Prices by member type (as the roster names them, any case), in major units as text, such as {\"student\": \"99.00\"}. "
            + "The set replaces the previous one; {} removes them all.")
    record PricesBody(@Nullable Map<String, String> prices) {}

    @Schema(description = "Prices by member type (lower case) in the currency's minor unit (cents), and the currency.")
    record PricesResponse(Map<String, Long> prices, String currency) {}

    private final MemberTypePrices prices;
    private final Achievements achievements;

    MemberTypePriceApi(MemberTypePrices prices, Achievements achievements) {
        this.prices = prices;
        this.achievements = achievements;
    }

    @GetMapping(PATH)
    @Operation(summary = "Read the micro-credential's prices per member type")
    PricesResponse get(@PathVariable String slug, @PathVariable UUID id) {
        return response(slug, id, prices.list(CurrentActor.get(), slug, id));
    }

    @PutMapping(PATH)
    @Operation(summary = "Replace the micro-credential's prices per member type (checked whole; a bad entry changes nothing)")
    PricesResponse put(@PathVariable String slug, @PathVariable UUID id, @RequestBody PricesBody body) {
        return response(slug, id, prices.replace(CurrentActor.get(), slug, id, body.prices()));
    }

    private PricesResponse response(String slug, UUID id, List<MemberTypePrices.Price> list) {
        Map<String, Long> byType = new LinkedHashMap<>();
        list.forEach(p -> byType.put(p.memberType(), p.minor()));
        return new PricesResponse(byType, achievements.get(CurrentActor.get(), slug, id).definition().currency());
    }
}
