import FintrakChildProcess
import FintrakRabbitMQ
import FintrakTestSupport
import Foundation
import Logging
import Synchronization
import Testing

private let logger = Logger(label: "rabbitmq-tests")

@Test func endpointParsesURLs() throws {
    let full = try AMQPEndpoint(url: "amqp://fin%40trak:s%3Acret@broker.local:5673/fin%2Ftrak")
    #expect(full.host == "broker.local")
    #expect(full.port == 5673)
    #expect(full.user == "fin@trak")
    #expect(full.password == "s:cret")
    #expect(full.vhost == "fin/trak")

    let defaults = try AMQPEndpoint(url: "amqp://fintrak:fintrak@127.0.0.1")
    #expect(defaults.port == 5672)
    #expect(defaults.vhost == "/")
    #expect(try AMQPEndpoint(url: "amqp://u:p@h/%2F").vhost == "/")

    #expect(throws: AMQPError.self) { try AMQPEndpoint(url: "http://fintrak:fintrak@127.0.0.1/x") }
    #expect(throws: AMQPError.self) { try AMQPEndpoint(url: "not a url") }
}

@Test func brokersAreOneURLOrSeveralSeparatedByCommas() throws {
    let one = try AMQPBrokers(urls: "amqp://fintrak:secret@127.0.0.1:5672/fintrak")
    #expect(one.endpoints.map(\.port) == [5672])
    let three = try AMQPBrokers(urls: "amqp://u:p@127.0.0.1:5001/v, amqp://u:p@127.0.0.1:5002/v,amqp://u:p@127.0.0.1:5003/v")
    #expect(three.endpoints.map(\.port) == [5001, 5002, 5003])
    #expect(three.endpoints.allSatisfy { $0.vhost == "v" && $0.user == "u" })
    #expect(!three.description.contains("p@"))
    #expect(throws: AMQPError.self) { try AMQPBrokers(urls: " , ") }
    #expect(throws: AMQPError.self) { try AMQPBrokers(urls: "amqp://u:p@127.0.0.1:5001/v,http://x/v") }
}

@Test func anUnreadableMessageIsLoggedByItsIdsAndSizeNeverItsBody() {
    let delivery = AMQPDelivery(
        body: Data(#"{"text":"Ramesh 500 udhaar","from":"+919812345678""#.utf8), routingKey: "fintrak.replies.dead",
        messageID: "twilio:SM1", correlationID: "SM1", headers: ["x-first-death-reason": "rejected"])
    let summary = delivery.unreadableSummary
    #expect(summary["bytes"] == "\(delivery.body.count)")
    #expect(summary["message_id"] == "twilio:SM1")
    #expect(summary["reason"] == "rejected")
    #expect(!summary.values.contains { "\($0)".contains("Ramesh") || "\($0)".contains("9812345678") })
}

/// All against one real broker; serialized because `reconnectsAfterBrokerRestart` stops it for a while.
@Suite(.serialized) struct BrokerTests {
    @Test func publishConsumeAckRoundTrip() async throws {
        let queue = AMQPQueue(name: TestEnvironment.uniqueName("roundtrip"))
        let publisher = try makePublisher([queue])
        try await publisher.publish(
            AMQPOutgoing(
                routingKey: queue.name, body: Data("hello ₹ 500".utf8), messageID: "msg-1", correlationID: "corr-1",
                headers: ["tenant": "+919812345678", "kind": "invoice"]))
        #expect(publisher.isConnected)

        let received = Received()
        let consumer = try BackgroundConsumer(queue: queue.name, topology: [queue]) { delivery in
            received.append(delivery)
            return .ack
        }
        #expect(try await eventually { received.count == 1 })
        let delivery = try #require(received.all.first)
        #expect(delivery.body == Data("hello ₹ 500".utf8))
        #expect(delivery.routingKey == queue.name)
        #expect(delivery.messageID == "msg-1")
        #expect(delivery.correlationID == "corr-1")
        #expect(delivery.headers == ["tenant": "+919812345678", "kind": "invoice"])
        #expect(!delivery.redelivered)
        #expect(delivery.deliveryCount == 0)

        try await consumer.stop()
        // Acked, so nothing comes back to the queue when the consumer's connection closes.
        #expect(try await eventually { try queueDepth(queue.name) == 0 })
        await publisher.close()
    }

    @Test func deadLetteredMessageLandsInDeadLetterQueue() async throws {
        let (work, dead) = workAndDeadLetterQueues()
        let publisher = try makePublisher([dead, work])
        try await publisher.publish(AMQPOutgoing(routingKey: work.name, body: Data("poison".utf8), messageID: "p-1"))

        let attempts = Received()
        let worker = try BackgroundConsumer(queue: work.name, topology: [dead, work]) { delivery in
            attempts.append(delivery)
            return .deadLetter
        }
        let deadLetters = Received()
        let deadLetterReader = try BackgroundConsumer(queue: dead.name, topology: [dead]) { delivery in
            deadLetters.append(delivery)
            return .ack
        }
        #expect(try await eventually { deadLetters.count == 1 })
        #expect(deadLetters.all.first?.body == Data("poison".utf8))
        #expect(deadLetters.all.first?.messageID == "p-1")
        #expect(attempts.count == 1)

        try await worker.stop()
        try await deadLetterReader.stop()
        await publisher.close()
    }

    @Test func queueStatisticsCountWaitingMessagesAndConsumersWithoutTakingAny() async throws {
        let queue = AMQPQueue(name: TestEnvironment.uniqueName("statistics"))
        let publisher = try makePublisher([queue])
        for index in 0..<3 {
            try await publisher.publish(AMQPOutgoing(routingKey: queue.name, body: Data("\(index)".utf8)))
        }
        let missing = TestEnvironment.uniqueName("never-declared")
        let found = try await AMQPQueueStatistics.read(url: try TestEnvironment.amqpURL, queues: [queue.name, missing])
        #expect(found[queue.name] == .some(AMQPQueueStatistics(queue: queue.name, messages: 3, consumers: 0)))
        #expect(found[missing] == .some(nil), "a queue nobody declared is reported missing, not created")
        #expect(try await eventually { try queueDepth(queue.name) == 3 }, "looking took nothing off the queue")
        #expect(try await AMQPQueueStatistics.read(url: try TestEnvironment.amqpURL, queues: [missing])[missing] == .some(nil))
        await publisher.close()
    }

    @Test func requeuedMessageIsRedelivered() async throws {
        let queue = AMQPQueue(name: TestEnvironment.uniqueName("requeue"))
        let publisher = try makePublisher([queue])
        try await publisher.publish(AMQPOutgoing(routingKey: queue.name, body: Data("again".utf8)))

        let received = Received()
        let consumer = try BackgroundConsumer(queue: queue.name, topology: [queue]) { delivery in
            received.append(delivery)
            return received.count == 1 ? .requeue : .ack
        }
        #expect(try await eventually { received.count == 2 })
        let redelivery = try #require(received.all.last)
        #expect(redelivery.body == Data("again".utf8))
        #expect(redelivery.redelivered)
        #expect(redelivery.deliveryCount >= 1)

        try await consumer.stop()
        await publisher.close()
    }

    @Test func deliveryLimitDeadLettersAfterRepeatedRequeues() async throws {
        let (work, dead) = workAndDeadLetterQueues(deliveryLimit: 2)
        let publisher = try makePublisher([dead, work])
        try await publisher.publish(AMQPOutgoing(routingKey: work.name, body: Data("flaky".utf8)))

        let attempts = Received()
        let worker = try BackgroundConsumer(queue: work.name, topology: [dead, work]) { delivery in
            attempts.append(delivery)
            return .requeue
        }
        let deadLetters = Received()
        let deadLetterReader = try BackgroundConsumer(queue: dead.name, topology: [dead]) { delivery in
            deadLetters.append(delivery)
            return .ack
        }
        #expect(try await eventually { deadLetters.count == 1 })
        #expect(deadLetters.all.first?.body == Data("flaky".utf8))
        // The broker dead-letters once the count of returns exceeds the limit: first delivery plus two redeliveries.
        #expect(attempts.all.map(\.deliveryCount) == [0, 1, 2])

        try await worker.stop()
        try await deadLetterReader.stop()
        await publisher.close()
    }

    @Test func expiredMessagesMoveFromDelayQueueToWorkQueue() async throws {
        let work = AMQPQueue(name: TestEnvironment.uniqueName("work"))
        // Retry-later pattern: nothing consumes these; what expires dead-letters into the work queue.
        let delay = AMQPQueue(
            name: TestEnvironment.uniqueName("delay"), deadLetterRoutingKey: work.name,
            messageTTL: .milliseconds(200))
        let perMessage = AMQPQueue(
            name: TestEnvironment.uniqueName("delay-each"), deadLetterRoutingKey: work.name)
        let topology = [work, delay, perMessage]
        let publisher = try makePublisher(topology)
        try await publisher.publish([
            AMQPOutgoing(routingKey: delay.name, body: Data("queue ttl".utf8)),
            AMQPOutgoing(routingKey: perMessage.name, body: Data("message ttl".utf8), expiration: .milliseconds(50)),
        ])

        let received = Received()
        let consumer = try BackgroundConsumer(queue: work.name, topology: topology) { delivery in
            received.append(delivery)
            return .ack
        }
        #expect(try await eventually { received.count == 2 })
        #expect(Set(received.all.map(\.body)) == [Data("queue ttl".utf8), Data("message ttl".utf8)])

        try await consumer.stop()
        await publisher.close()
    }

    @Test func thousandConcurrentPublishesAreConfirmedAndConsumedOnce() async throws {
        let queue = AMQPQueue(name: TestEnvironment.uniqueName("thousand"))
        let publisher = try makePublisher([queue])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<1000 {
                group.addTask {
                    try await publisher.publish(
                        AMQPOutgoing(
                            routingKey: queue.name, body: Data("message \(index)".utf8), messageID: "\(index)"))
                }
            }
            try await group.waitForAll()
        }

        let received = Received()
        let consumer = try BackgroundConsumer(queue: queue.name, topology: [queue], prefetch: 64) { delivery in
            received.append(delivery)
            return .ack
        }
        #expect(try await eventually { received.count >= 1000 })
        try await consumer.stop()
        let ids = received.all.compactMap(\.messageID)
        #expect(ids.count == 1000)
        #expect(Set(ids) == Set((0..<1000).map(String.init)))
        #expect(try await eventually { try queueDepth(queue.name) == 0 })
        await publisher.close()
    }

    @Test func unroutablePublishThrows() async throws {
        let queue = AMQPQueue(name: TestEnvironment.uniqueName("routable"))
        let publisher = try makePublisher([queue])
        let nowhere = AMQPOutgoing(routingKey: TestEnvironment.uniqueName("no-such-queue"), body: Data("lost".utf8))
        let routable = AMQPOutgoing(routingKey: queue.name, body: Data("kept".utf8))

        await #expect(throws: AMQPError.self) { try await publisher.publish(nowhere) }
        await #expect(throws: AMQPError.self) { try await publisher.publish([routable, nowhere, routable]) }
        // The connection is fine afterwards: a return is about one message, not the channel.
        try await publisher.publish(routable)
        #expect(publisher.isConnected)
        await publisher.close()
    }

    @Test func reconnectsAfterABrokerOutage() async throws {
        let queue = AMQPQueue(name: TestEnvironment.uniqueName("reconnect"))
        let publisher = try makePublisher([queue])
        // Declare before the consumer does: RabbitMQ 3.10 races when two connections create one quorum queue
        // at the same moment (541 INTERNAL_ERROR for one, or a nack for a publish while it starts).
        #expect(await publisher.checkConnection())
        let received = Received()
        let consumer = try BackgroundConsumer(queue: queue.name, topology: [queue]) { delivery in
            received.append(delivery)
            return .ack
        }
        try await publisher.publish(AMQPOutgoing(routingKey: queue.name, body: Data("before".utf8)))
        #expect(try await eventually { received.count == 1 })

        try runDevServers("pause", "rabbitmq")
        do {
            #expect(try await eventually { !publisher.isConnected && !consumer.consumer.isConnected })
            await #expect(throws: AMQPError.self) {
                try await publisher.publish(AMQPOutgoing(routingKey: queue.name, body: Data("during".utf8)))
            }
            #expect(await publisher.checkConnection() == false)
        } catch {
            try runDevServers("resume", "rabbitmq")
            throw error
        }
        try runDevServers("resume", "rabbitmq")

        #expect(
            try await eventually(timeout: .seconds(60), pollEvery: .milliseconds(200)) {
                await publisher.checkConnection()
            })
        try await publisher.publish(AMQPOutgoing(routingKey: queue.name, body: Data("after".utf8)))
        #expect(try await eventually { received.all.contains { $0.body == Data("after".utf8) } })
        #expect(consumer.consumer.isConnected)

        try await consumer.stop()
        await publisher.close()
    }

    /// The broker restarts while the publisher sits idle: the first publish afterwards is confirmed, with no
    /// readiness poll in between.
    @Test func theFirstPublishAfterABrokerOutageSucceeds() async throws {
        let queue = AMQPQueue(name: TestEnvironment.uniqueName("first-after"))
        let publisher = try makePublisher([queue])
        try await publisher.publish(AMQPOutgoing(routingKey: queue.name, body: Data("before".utf8)))

        try runDevServers("pause", "rabbitmq")
        try runDevServers("resume", "rabbitmq")

        try await publisher.publish(AMQPOutgoing(routingKey: queue.name, body: Data("after".utf8)))
        #expect(publisher.isConnected)
        await publisher.close()
    }

    @Test func cancellationLetsInFlightHandlersFinish() async throws {
        let queue = AMQPQueue(name: TestEnvironment.uniqueName("shutdown"))
        let publisher = try makePublisher([queue])
        try await publisher.publish(AMQPOutgoing(routingKey: queue.name, body: Data("slow".utf8)))

        let started = Received()
        let release = Flag()
        let handlerSawCancellation = Flag()
        let consumer = try BackgroundConsumer(queue: queue.name, topology: [queue]) { delivery in
            started.append(delivery)
            // Stands in for slow work (an OCR run, an HTTP call) that shutdown must not cut short.
            while !release.isSet { try? await Task.sleep(for: .milliseconds(5)) }
            handlerSawCancellation.set(Task.isCancelled)
            return .ack
        }
        #expect(try await eventually { started.count == 1 })
        consumer.task.cancel()
        release.set(true)
        try await consumer.task.value
        #expect(!consumer.consumer.isConnected)
        #expect(!handlerSawCancellation.isSet)
        #expect(try await eventually { try queueDepth(queue.name) == 0 })
        await publisher.close()
    }

    @Test func confirmedPublishThroughput() async throws {
        let queue = AMQPQueue(name: TestEnvironment.uniqueName("throughput"))
        let publisher = try makePublisher([queue])
        #expect(await publisher.checkConnection())
        let body = Data(repeating: UInt8(ascii: "x"), count: 1024)
        let count = 10_000
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await publisher.publish(AMQPOutgoing(routingKey: queue.name, body: body, messageID: "\(index)"))
                }
            }
            try await group.waitForAll()
        }
        print("confirmed publishes, \(count) × 1 KB all in flight: \(rate(count, since: start))")

        // One at a time, for comparison: each waits a full round trip, so no added latency shows up here.
        let sequentialCount = 1000
        let sequentialStart = ContinuousClock.now
        for index in 0..<sequentialCount {
            try await publisher.publish(AMQPOutgoing(routingKey: queue.name, body: body, messageID: "seq-\(index)"))
        }
        let sequentialRate = rate(sequentialCount, since: sequentialStart)
        print("confirmed publishes, \(sequentialCount) × 1 KB one at a time: \(sequentialRate)")
        await publisher.close()
    }

    private func rate(_ count: Int, since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return "\(Int(Double(count) / seconds)) msg/s (\(elapsed))"
    }
}

// MARK: - Helpers

private func makePublisher(_ topology: [AMQPQueue]) throws -> AMQPPublisher {
    AMQPPublisher(url: try TestEnvironment.amqpURL, topology: topology, name: "test-publisher", logger: logger)
}

/// A quorum work queue that dead-letters into its own quorum dead-letter queue.
private func workAndDeadLetterQueues(deliveryLimit: Int? = nil) -> (work: AMQPQueue, dead: AMQPQueue) {
    let dead = AMQPQueue(name: TestEnvironment.uniqueName("dead"))
    let work = AMQPQueue(
        name: TestEnvironment.uniqueName("work"), deadLetterRoutingKey: dead.name, deliveryLimit: deliveryLimit)
    return (work, dead)
}

/// What a test's handler saw, in order.
private final class Received: Sendable {
    private let deliveries = Mutex<[AMQPDelivery]>([])
    func append(_ delivery: AMQPDelivery) { deliveries.withLock { $0.append(delivery) } }
    var all: [AMQPDelivery] { deliveries.withLock { $0 } }
    var count: Int { deliveries.withLock { $0.count } }
}

private final class Flag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set(_ newValue: Bool) { value.store(newValue, ordering: .relaxed) }
}

/// A consumer running in a task of its own until `stop()`.
private struct BackgroundConsumer {
    let consumer: AMQPConsumer
    let task: Task<Void, any Error>

    init(
        queue: String, topology: [AMQPQueue], prefetch: Int = 16,
        handler: @escaping @Sendable (AMQPDelivery) async -> AMQPDisposition
    ) throws {
        let consumer = AMQPConsumer(
            url: try TestEnvironment.amqpURL, queue: queue, topology: topology, prefetch: prefetch, logger: logger)
        self.consumer = consumer
        task = Task { try await consumer.run(handler) }
    }

    func stop() async throws {
        task.cancel()
        try await task.value
    }
}

/// Messages in a queue (ready and unacknowledged) as the broker counts them.
private func queueDepth(_ name: String) throws -> Int {
    let vhost = try AMQPEndpoint(url: TestEnvironment.amqpURL).vhost
    // rabbitmqctl finds the node through the RABBITMQ_* variables from env.sh and its cookie under HOME.
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = try TestEnvironment.require("HOME_RABBITMQ")
    let text = try ChildProcess("/usr/lib/rabbitmq/bin/rabbitmqctl", ["-q", "-p", vhost, "list_queues", "name", "messages"],
                                environment: environment).runOnThisThread().outputText
    for line in text.split(separator: "\n") {
        let fields = line.split(separator: "\t")
        if fields.count == 2, fields[0] == name, let depth = Int(fields[1]) { return depth }
    }
    throw AMQPError("rabbitmqctl does not list queue \(name)")
}

/// A three-node cluster and `AMQP_URL` listing all three: when the node a publisher and a consumer are connected to
/// stops, both move to another node and the quorum queue (a replica on each node) keeps every message.
@Suite(.serialized) struct BrokerClusterTests {
    @Test func publisherAndConsumerMoveToAnotherNodeWhenTheirsStopsOutage() async throws {
        let cluster = try RabbitMQCluster.start()
        defer { cluster.stop() }
        let queue = AMQPQueue(name: TestEnvironment.uniqueName("failover"))
        let publisher = AMQPPublisher(url: cluster.amqpURL, topology: [queue], name: "test-failover", logger: logger)
        // Both start on node 1, the first in the list: declare before the consumer does (see reconnectsAfterABrokerOutage).
        #expect(await publisher.checkConnection())
        let received = Received()
        let consumer = AMQPConsumer(url: cluster.amqpURL, queue: queue.name, topology: [queue], prefetch: 4, logger: logger)
        let consuming = Task { try await consumer.run { delivery in received.append(delivery); return .ack } }
        try await publisher.publish(AMQPOutgoing(routingKey: queue.name, body: Data("before".utf8)))
        #expect(try await eventually { received.count == 1 })

        try cluster.pause(node: 1)
        do {
            // A publish may fail once, on the connection that just died; the next goes to another node, with node 1
            // still down.
            var sent = 0
            #expect(try await eventually(timeout: .seconds(60), pollEvery: .milliseconds(200)) {
                do {
                    try await publisher.publish(AMQPOutgoing(routingKey: queue.name, body: Data("during \(sent)".utf8)))
                    sent += 1
                } catch {}
                return sent == 20
            })
            // Every message arrives (a publish whose confirm was lost with the connection may arrive twice: it was
            // sent again under the same body).
            let expected = Set(["before"] + (0..<20).map { "during \($0)" }).map { Data($0.utf8) }
            #expect(try await eventually(timeout: .seconds(60), pollEvery: .milliseconds(100)) {
                Set(received.all.map(\.body)) == Set(expected)
            })
            #expect(consumer.isConnected && publisher.isConnected)
        } catch {
            try? cluster.resume(node: 1)
            throw error
        }
        try cluster.resume(node: 1)

        try await publisher.publish(AMQPOutgoing(routingKey: queue.name, body: Data("after".utf8)))
        #expect(try await eventually { received.all.contains { $0.body == Data("after".utf8) } })
        consuming.cancel()
        try await consuming.value
        await publisher.close()
    }
}
