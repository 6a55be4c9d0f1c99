// snapsim-snapshot-probe: the size, decode and encode times of a state directory's snapshot, and the same state
// through JSON for comparison (bench/snap/durable.sh runs it on its final state).
//
//     snapsim-snapshot-probe STATE_DIR
import SNAPSim

#if canImport(Glibc)
import Glibc
#endif

guard CommandLine.arguments.count == 2 else {
    print("usage: snapsim-snapshot-probe STATE_DIR")
    exit(2)
}
do {
    print(try SnapshotProbe.measure(directory: CommandLine.arguments[1]))
} catch {
    print("snapsim-snapshot-probe: \(error)")
    exit(1)
}
