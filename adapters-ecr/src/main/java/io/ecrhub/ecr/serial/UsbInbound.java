package io.ecrhub.ecr.serial;

/** What the USB pipeline hands the link: a whole message, or a reassembly failure to answer. */
sealed interface UsbInbound {
  int reference();

  /** A complete request (fragments joined), acknowledgement or error packet. */
  record Message(UsbPacketType type, int reference, byte[] data) implements UsbInbound {
    public Message {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Message m
          && m.type == type
          && m.reference == reference
          && java.util.Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * type.hashCode() + reference) + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Message[" + type + ", ref=" + reference + ", " + data.length + " bytes]";
    }
  }

  /** Fragments for {@code reference} could not be joined; the link answers {@code 0x35}. */
  record ReassemblyFailed(int reference, String reason) implements UsbInbound {}
}
