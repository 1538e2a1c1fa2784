package org.ampsboot.test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The only class that uses BouncyCastle ({@code bcpkix}, an optional dependency), so that the rest of the
 * module loads without it. Do not touch it (linking it loads BouncyCastle classes) before
 * {@link SelfSignedCertificate} has checked that BouncyCastle is there. Signs with the JDK's own providers:
 * BouncyCastle only builds the certificate structure, and is not registered as a security provider.
 */
final class CertificateSigner {

	private CertificateSigner() {
	}

	/**
	 * A self-signed end-entity certificate for server and client authentication.
	 * @param commonName the subject's common name
	 * @param dnsNames subject alternative names of type DNS
	 * @param ipAddresses subject alternative names of type IP address (literals)
	 */
	static X509Certificate selfSigned(KeyPair keyPair, String signatureAlgorithm, String commonName,
			List<String> dnsNames, List<String> ipAddresses, BigInteger serial, Date notBefore, Date notAfter)
			throws Exception {
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "amps-spring-boot-test")
			.addRDN(BCStyle.CN, commonName)
			.build();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial, notBefore, notAfter,
				subject, keyPair.getPublic());
		JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
		GeneralName[] names = new GeneralName[dnsNames.size() + ipAddresses.size()];
		int i = 0;
		for (String dns : dnsNames) {
			names[i++] = new GeneralName(GeneralName.dNSName, dns);
		}
		for (String ip : ipAddresses) {
			names[i++] = new GeneralName(GeneralName.iPAddress, ip);
		}
		builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
		builder.addExtension(Extension.extendedKeyUsage, false,
				new ExtendedKeyUsage(
						new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
		builder.addExtension(Extension.subjectKeyIdentifier, false,
				extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
		ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).build(keyPair.getPrivate());
		X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
		certificate.verify(keyPair.getPublic());
		return certificate;
	}

}
