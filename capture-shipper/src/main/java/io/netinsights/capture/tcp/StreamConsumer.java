package io.netinsights.capture.tcp;

/** Receives the in-order bytes of TCP stream directions from {@link TcpReassembler}s. */
public interface StreamConsumer {

    /** The next in-order bytes of {@code direction}; the buffer is only valid during the call. */
    void onData(int direction, byte[] buf, int off, int len, long tsMicros);

    /**
     * {@code lost} bytes of {@code direction} will never arrive (see {@link TcpReassembler} for
     * when a gap is given up on); the data that follows comes next. {@code tsMicros} is the capture
     * time of the last bytes before the gap.
     */
    void onGap(int direction, long lost, long tsMicros);

    /** {@code direction} ended: its FIN was reached in order, or the connection was reset. */
    void onEnd(int direction, long tsMicros);
}
