#!/usr/bin/python3
"""impacket 0.10 enumerating a query over DCOM against cm4j's loopback WmiServer, timed.

Usage: impacket_enumerate.py PORT DOMAIN USER PASSWORD NAMESPACE BATCH WQL

Logs on at RPC_C_AUTHN_LEVEL_PKT_PRIVACY, runs IWbemServices::ExecQuery and reads the enumerator with
IEnumWbemClassObject::Next(WBEM_INFINITE, BATCH) (MS-WMI 3.1.4.4.1) until it answers WBEM_S_FALSE. impacket builds
an IWbemClassObject per object, which decodes it (OBJREF_CUSTOM, ENCODING_UNIT, parseObject, createProperties); the
script reads one property of each to be sure. impacket has no reader for IWbemWCOSmartEnum::Next's ObjectArray
(its Next() only dumps the response), so only the plain enumerator is measured.

WBEM_S_FALSE: impacket raises DCERPCSessionError for any non-zero status, also for the S_FALSE of the last,
shorter batch; the objects of that response are taken from the exception's decoded packet as impacket's own
Next() would have taken them.

Prints one line: TIME <objects> <wall seconds> <CPU seconds of the process> <Next calls>
(connect and NTLMLogin are not timed; ExecQuery, every Next and RemRelease are).

Port adaptation as in wmi-simulator's impacket_wmi_client.py: DCERPCTransportFactory is wrapped so that the
resolver binding "ncacn_ip_tcp:127.0.0.1" gets the server's activation port; nothing else of impacket changes.
"""
import sys
import time

from impacket.dcerpc.v5 import transport
from impacket.dcerpc.v5.dcom import wmi
from impacket.dcerpc.v5.dcomrt import DCOMConnection, INTERFACE
from impacket.dcerpc.v5.dtypes import NULL
from impacket.dcerpc.v5.rpcrt import DCERPCException, RPC_C_AUTHN_LEVEL_PKT_PRIVACY

HOST = '127.0.0.1'
WBEM_INFINITE = 0xffffffff
WBEM_S_FALSE = 1


def adapt_port(port):
    original = transport.DCERPCTransportFactory

    def factory(binding):
        t = original(binding)
        if binding == 'ncacn_ip_tcp:' + HOST:
            t.set_dport(port)
        return t

    transport.DCERPCTransportFactory = factory


def objects_of(enum, services, resp):
    # as impacket's IEnumWbemClassObject.Next builds them
    return [wmi.IWbemClassObject(INTERFACE(enum.get_cinstance(), b''.join(i['abData']), enum.get_ipidRemUnknown(),
                                           oxid=enum.get_oxid(), target=enum.get_target()), services)
            for i in resp['apObjects']]


def main():
    port, domain, user, password, namespace, batch, wql = sys.argv[1:8]
    batch = int(batch)
    adapt_port(int(port))
    dcom = DCOMConnection(HOST, user, password, domain, '', '', authLevel=RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
                          oxidResolver=False)
    try:
        iface = dcom.CoCreateInstanceEx(wmi.CLSID_WbemLevel1Login, wmi.IID_IWbemLevel1Login)
        iface.get_cinstance().set_auth_level(RPC_C_AUTHN_LEVEL_PKT_PRIVACY)
        login = wmi.IWbemLevel1Login(iface)
        services = login.NTLMLogin(namespace, NULL, NULL)
        login.RemRelease()

        wall0, cpu0 = time.perf_counter(), time.process_time()
        enum = services.ExecQuery(wql)
        count, calls = 0, 0
        while True:
            calls += 1
            done = False
            try:
                batch_objects = enum.Next(WBEM_INFINITE, batch)
            except DCERPCException as e:
                if e.get_error_code() != WBEM_S_FALSE or e.get_packet() is None:
                    raise
                batch_objects = objects_of(enum, services, e.get_packet())
                done = True
            for o in batch_objects:
                o.getProperties()['CI_ID']
                count += 1
            if done or len(batch_objects) < batch:
                break
        enum.RemRelease()
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        print('TIME', count, '%.6f' % wall, '%.6f' % cpu, calls, flush=True)
        services.RemRelease()
    finally:
        dcom.disconnect()


if __name__ == '__main__':
    main()
