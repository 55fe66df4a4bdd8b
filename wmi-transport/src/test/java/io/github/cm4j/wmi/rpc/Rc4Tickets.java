package io.github.cm4j.wmi.rpc;

import io.github.cm4j.internal.kerberos.ServiceTicket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.base.TransitedEncoding;
import org.apache.kerby.kerberos.kerb.type.base.TransitedEncodingType;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlags;

/**
 * RC4 service tickets for tests, made as a KDC makes them (RFC 4120 5.3: EncTicketPart encrypted with the service's
 * rc4-hmac key from its keytab, key usage 2) with an rc4-hmac session key. Needed because Apache Kerby chooses session
 * key types from the request, not from the service's keys, and cannot issue RC4 tickets alongside AES ones; the
 * service key is the real one the in-process KDC exported.
 */
final class Rc4Tickets {
    private Rc4Tickets() {
    }

    static ServiceTicket mint(String client, String service, Path keytab, Duration lifetime) throws Exception {
        KerberosPrincipal sp = new KerberosPrincipal(service);
        KerberosKey serviceKey = null;
        for (KerberosKey k : KeyTab.getInstance(sp, keytab.toFile()).getKeys(sp)) {
            if (k.getKeyType() == 23) {
                serviceKey = k;
            }
        }
        if (serviceKey == null) {
            throw new IllegalStateException("no rc4-hmac key of " + service + " in " + keytab);
        }
        EncryptionKey session = EncryptionHandler.random2Key(EncryptionType.ARCFOUR_HMAC);
        Instant now = Instant.now();
        EncTicketPart part = new EncTicketPart();
        part.setFlags(new TicketFlags(0));
        part.setKey(session);
        part.setCrealm(PrincipalName.extractRealm(client));
        part.setCname(new PrincipalName(PrincipalName.extractName(client)));
        TransitedEncoding transited = new TransitedEncoding();
        transited.setTrType(TransitedEncodingType.DOMAIN_X500_COMPRESS);
        transited.setContents(new byte[0]);
        part.setTransited(transited);
        part.setAuthTime(new KerberosTime(now.toEpochMilli()));
        part.setStartTime(new KerberosTime(now.toEpochMilli()));
        part.setEndTime(new KerberosTime(now.plus(lifetime).toEpochMilli()));
        EncryptedData enc = EncryptionHandler.encrypt(part.encode(), new EncryptionKey(23, serviceKey.getEncoded()),
                KeyUsage.KDC_REP_TICKET);
        enc.setKvno(serviceKey.getVersionNumber());
        Ticket ticket = new Ticket();
        ticket.setRealm(PrincipalName.extractRealm(service));
        ticket.setSname(new PrincipalName(PrincipalName.extractName(service)));
        ticket.setEncryptedEncPart(enc);
        return new ServiceTicket(ticket.encode(), session.getKeyData(), 23, client, service, now, now, now.plus(lifetime));
    }
}
