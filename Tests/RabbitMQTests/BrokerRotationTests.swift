import FailurePolicy
@testable import FintrakRabbitMQ
import FintrakTestSupport
import Testing

/// A broker that takes the connection but fails preparing it (on a loaded node a queue declare can outlast the RPC
/// timeout) is tried again on a fresh connection, so a publish or a consumer does not fail for one slow declare.
@Suite struct BrokerRotationTests {
    @Test func preparingThatFailsOnceIsTriedAgainOnAFreshConnection() throws {
        var rotation = BrokerRotation(try AMQPBrokers(urls: try TestEnvironment.amqpURL))
        let queue = AMQPQueue(name: TestEnvironment.uniqueName("prepare"))
        var attempts = 0
        let (connection, _) = try rotation.connect { connection in
            attempts += 1
            if attempts == 1 { throw AMQPError("declare queue \(queue.name): request timed out") }
            try connection.declare([queue])
        }
        defer { connection.close() }
        #expect(attempts == 2)
        #expect(try connection.statistics(of: queue.name).messages == 0, "the second connection declared the queue")
    }

    @Test func preparingThatKeepsFailingFailsTheConnectAfterItsAttempts() throws {
        var rotation = BrokerRotation(try AMQPBrokers(urls: try TestEnvironment.amqpURL))
        var attempts = 0
        #expect(throws: AMQPError.self) {
            _ = try rotation.connect { _ in
                attempts += 1
                throw AMQPError("broker closed the channel: 406 PRECONDITION_FAILED")
            }
        }
        #expect(attempts == RetryPolicies.brokerPrepareAttempts)
    }

    /// A refused connection is a broker away, not a slow one: it fails with no attempt at preparing it, so that the
    /// next node is tried at once.
    @Test func aRefusedConnectionIsNotTakenForASlowBroker() throws {
        var rotation = BrokerRotation(try AMQPBrokers(urls: "amqp://guest:guest@127.0.0.1:1/"))
        var prepared = 0
        #expect {
            _ = try rotation.connect { _ in prepared += 1 }
        } throws: { error in
            (error as? AMQPError)?.timedOut == false
        }
        #expect(prepared == 0)
    }
}
