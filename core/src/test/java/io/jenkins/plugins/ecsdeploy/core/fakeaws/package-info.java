/**
 * A stateful fake of the ELBv2, ECS and CloudWatch APIs for tests, served by WireMock on one local endpoint and
 * driven by the real AWS SDK v2 clients. Start it with {@code FakeAws.startStandard()}, build clients with
 * {@code SdkClients}, steer it (unhealthy slots, failing rollouts, metric values, alarm states, injected
 * {@code Fault}s) and assert on its state and on the {@code Call}s it received.
 */
package io.jenkins.plugins.ecsdeploy.core.fakeaws;
