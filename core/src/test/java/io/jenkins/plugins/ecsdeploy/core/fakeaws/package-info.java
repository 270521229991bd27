/**
 * A stateful fake of the ELBv2, ECS and CloudWatch APIs for tests, served by WireMock on one local endpoint and
 * driven by the real AWS SDK v2 clients. Start it with {@code FakeAws.startStandard()}, build clients with
 * {@code SdkClients}, steer it (unhealthy slots, failing rollouts, metric values or samples, alarm states,
 * injected {@code Fault}s) and assert on its state and on the {@code Call}s it received. CloudWatch is answered
 * in the Query protocol and in the RPC v2 CBOR protocol of SDKs from 2.40.7 on, with percentiles, metric math and
 * dashboards; a CBOR call's input is recorded under the same Query parameter names.
 */
package io.jenkins.plugins.ecsdeploy.core.fakeaws;
