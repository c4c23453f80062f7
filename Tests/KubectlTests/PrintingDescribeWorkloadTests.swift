import Foundation
import KubeAPI
import XCTest
@testable import Kubectl

final class PrintingDescribeWorkloadTests: XCTestCase {
    typealias F = PrintingFixtures
    let utc = TimeZone(identifier: "UTC") ?? TimeZone.current

    private func template() -> PodTemplateSpec {
        var template = PodTemplateSpec()
        template.metadata.labels = ["app": "web"]
        var container = Container()
        container.name = "nginx"
        container.image = "nginx:1.27"
        template.spec.containers = [container]
        return template
    }

    private func replicaSet() -> ReplicaSet {
        var rs = ReplicaSet()
        rs.metadata.name = "web-5d8f9c7b6"
        rs.metadata.namespace = "default"
        rs.metadata.uid = "rs-uid"
        rs.metadata.labels = ["app": "web", "pod-template-hash": "5d8f9c7b6"]
        rs.metadata.annotations = ["deployment.kubernetes.io/revision": "1"]
        rs.metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "d-uid")]
        rs.spec.replicas = 3
        rs.spec.selector = LabelSelector(matchLabels: ["app": "web", "pod-template-hash": "5d8f9c7b6"])
        rs.spec.template = template()
        rs.spec.template.metadata.labels["pod-template-hash"] = "5d8f9c7b6"
        rs.status.replicas = 3
        return rs
    }

    func testDescribeDeploymentMatchesKubectlLayout() {
        var d = Deployment()
        d.metadata.name = "web"
        d.metadata.namespace = "default"
        d.metadata.creationTimestamp = F.ago(600)
        d.metadata.labels = ["app": "web"]
        d.metadata.annotations = ["deployment.kubernetes.io/revision": "1"]
        d.spec.replicas = 3
        d.spec.selector = LabelSelector(matchLabels: ["app": "web"])
        d.spec.template = template()
        d.status.replicas = 3
        d.status.updatedReplicas = 3
        d.status.readyReplicas = 3
        d.status.availableReplicas = 3
        var available = DeploymentCondition(type: "Available", status: "True")
        available.reason = "MinimumReplicasAvailable"
        var progressing = DeploymentCondition(type: "Progressing", status: "True")
        progressing.reason = "NewReplicaSetAvailable"
        d.status.conditions = [available, progressing]
        let scaled = F.event("ScalingReplicaSet", "Scaled up replica set web-5d8f9c7b6 from 0 to 3", object: "web",
                             kind: "Deployment", from: "deployment-controller", first: 600)
        let text = Describe.deployment(d, newReplicaSet: replicaSet(), oldReplicaSets: [], events: [scaled],
                                       now: F.now, timeZone: utc)
        XCTAssertEqual(text, """
            Name:                   web
            Namespace:              default
            CreationTimestamp:      Thu, 26 Nov 2026 00:52:03 +0000
            Labels:                 app=web
            Annotations:            deployment.kubernetes.io/revision: 1
            Selector:               app=web
            Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
            StrategyType:           RollingUpdate
            MinReadySeconds:        0
            RollingUpdateStrategy:  25% max unavailable, 25% max surge
            Pod Template:
              Labels:  app=web
              Containers:
               nginx:
                Image:         nginx:1.27
                Port:          <none>
                Host Port:     <none>
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Conditions:
              Type           Status  Reason
              ----           ------  ------
              Available      True    MinimumReplicasAvailable
              Progressing    True    NewReplicaSetAvailable
            OldReplicaSets:  <none>
            NewReplicaSet:   web-5d8f9c7b6 (3/3 replicas created)
            Events:
              Type    Reason             Age   From                   Message
              ----    ------             ----  ----                   -------
              Normal  ScalingReplicaSet  10m   deployment-controller  Scaled up replica set web-5d8f9c7b6 from 0 to 3

            """)
    }

    func testDescribeReplicaSetCountsOnlyPodsItControls() {
        var running = F.runningPod("web-5d8f9c7b6-abcde")
        running.metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-5d8f9c7b6", uid: "rs-uid")]
        var pending = F.pod("web-5d8f9c7b6-fghij")
        pending.metadata.ownerReferences = running.metadata.ownerReferences
        let stranger = F.runningPod("other")
        let text = Describe.replicaSet(replicaSet(), pods: [running, pending, stranger], events: [], now: F.now, timeZone: utc)
        XCTAssertEqual(text, """
            Name:           web-5d8f9c7b6
            Namespace:      default
            Selector:       app=web,pod-template-hash=5d8f9c7b6
            Labels:         app=web
                            pod-template-hash=5d8f9c7b6
            Annotations:    deployment.kubernetes.io/revision: 1
            Controlled By:  Deployment/web
            Replicas:       3 current / 3 desired
            Pods Status:    1 Running / 1 Waiting / 0 Succeeded / 0 Failed
            Pod Template:
              Labels:  app=web
                       pod-template-hash=5d8f9c7b6
              Containers:
               nginx:
                Image:         nginx:1.27
                Port:          <none>
                Host Port:     <none>
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:            <none>

            """)
    }
}
