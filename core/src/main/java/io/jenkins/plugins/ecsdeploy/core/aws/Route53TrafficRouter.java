package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.TrafficRouter;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.core.model.WeightedRecords;
import java.time.Duration;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Steers production traffic with the weights of two Route 53 weighted records. A write is one batch for both
 * weights; the engine verifies it by reading the records back and then waiting for the change to be INSYNC, and
 * knows that resolvers may answer with the old weights for the records' TTL. Serves any two endpoints: the slots
 * behind the records may be App Runner services, load balancers, CloudFront distributions or anything else.
 */
public final class Route53TrafficRouter implements TrafficRouter {

    private final Route53WeightedPair pair;
    private final WeightedRecords records;

    public Route53TrafficRouter(Route53Client route53, WeightedRecords records) {
        this.pair = new Route53WeightedPair(route53, records);
        this.records = records;
    }

    @Override
    public TrafficSplit currentSplit() {
        return pair.split();
    }

    @Override
    public void applySplit(TrafficSplit split) {
        pair.write(split);
    }

    @Override
    public String applySplitTracked(TrafficSplit split) {
        return pair.write(split);
    }

    @Override
    public void prepareWrite() {
        pair.prepareWrite();
    }

    @Override
    public boolean inSync(String token) {
        return pair.inSync(token);
    }

    @Override
    public String writesTo() {
        return "Route 53";
    }

    @Override
    public String readsFrom() {
        return "the weighted records";
    }

    @Override
    public Duration clientCache() {
        return Duration.ofSeconds(records.ttlSeconds());
    }
}
