package io.ecrhub.domain.certificate;

/**
 * QFPay's published ECR CA ({@code CN=QFECR}, {@code ca3.crt}) fingerprints (protocol doc §9.1).
 */
public final class QfpayCa {
  public static final Fingerprint SHA256 =
      new Fingerprint("9C0FA404C59FD7A27EA31F6B96F474011B3F868AA08461474D7569ED630D32C3");
  public static final Fingerprint SHA1 =
      new Fingerprint("A74CADCED721ADCB77C8F6476C19E6C64E0E6A61");
  public static final String SUBJECT = "CN=QFECR, OU=QF IT, O=QF, L=Kwoloon, ST=Hong Kong, C=HK";

  private QfpayCa() {}
}
