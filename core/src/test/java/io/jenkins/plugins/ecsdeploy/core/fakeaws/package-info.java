/**
 * A stateful fake of the ELBv2, ECS and CloudWatch APIs for tests, served by WireMock on one local endpoint and
 * driven by the real AWS SDK v2 clients. Start it with {@link io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws#startStandard()},
 * build clients with {@link io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients}, steer it (unhealthy slots, failing
 * rollouts, metric values, alarm states, injected {@link io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault}s) and assert
 * on its state and on the {@link io.jenkins.plugins.ecsdeploy.core.fakeaws.Call}s it received.
 */
package io.jenkins.plugins.ecsdeploy.core.fakeaws;
