package io.dbaas.orion.region;

import io.dbaas.orion.capacity.Capacity;
import io.dbaas.orion.catalog.RegionOffers;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the configured catalog and capacity once the schema is migrated and before the web server takes requests.
 * One transaction, so that another instance already serving never sees a configured region offered before it has its
 * capacity row (its lock), which every claim needs.
 */
@Component
class ConfiguredRegions implements SmartInitializingSingleton {

    private final RegionOffers offers;
    private final Capacity capacity;
    private final TransactionTemplate transactions;

    ConfiguredRegions(RegionOffers offers, Capacity capacity, PlatformTransactionManager transactionManager) {
        this.offers = offers;
        this.capacity = capacity;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void afterSingletonsInstantiated() {
        transactions.executeWithoutResult(status -> {
            offers.applyConfiguration();
            capacity.applyConfiguration();
        });
    }
}
