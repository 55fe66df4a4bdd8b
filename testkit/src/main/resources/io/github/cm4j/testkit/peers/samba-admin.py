"""Account changes for the cm4j Samba test peer, in one Python process per request (samba-tool starts Python and
Samba's modules once per call, about a second each). Works on the DC's sam.ldb directly, as samba-tool does
locally. Usage: samba-admin.py SMB_CONF COMMAND ARGS...; secrets come on standard input, never as arguments.

  user NAME                     create or reset NAME with the password on stdin; the password never expires
  computer NAME [SPN...]        create NAME$ (once) with a random password, so that it has keys; add the SPNs
  spn ACCOUNT SPN               add an SPN (no-op when present)
  enctypes ACCOUNT BITS         set msDS-SupportedEncryptionTypes
  keytab ACCOUNT PATH           export ACCOUNT's keys to PATH; print its SPNs, one a line
"""
import secrets
import sys

import ldb
import samba.dckeytab  # noqa: F401  (adds Net.export_keytab)
from samba.auth import system_session
from samba.net import Net
from samba.param import LoadParm
from samba.samdb import SamDB


def account(db, name):
    res = db.search(base=db.domain_dn(), scope=ldb.SCOPE_SUBTREE,
                    expression="(sAMAccountName=%s)" % ldb.binary_encode(name),
                    attrs=["servicePrincipalName"])
    return res[0] if len(res) == 1 else None


def add_spn(db, name, spn):
    acc = account(db, name)
    if acc is None:
        sys.exit("no account " + name)
    present = [str(v).lower() for v in acc.get("servicePrincipalName", [])]
    if spn.lower() in present:
        return
    m = ldb.Message(acc.dn)
    m["spn"] = ldb.MessageElement(spn, ldb.FLAG_MOD_ADD, "servicePrincipalName")
    db.modify(m)


def main(argv):
    lp = LoadParm()
    lp.load(argv[1])
    db = SamDB(url=lp.private_path("sam.ldb"), session_info=system_session(), lp=lp)
    cmd, args = argv[2], argv[3:]
    if cmd == "user":
        name = args[0]
        password = sys.stdin.readline().rstrip("\n")
        filt = "(sAMAccountName=%s)" % ldb.binary_encode(name)
        if account(db, name) is None:
            db.newuser(name, password)
        else:
            db.setpassword(filt, password)
        db.setexpiry(filt, 0, no_expiry_req=True)
    elif cmd == "computer":
        name = args[0]
        if account(db, name + "$") is None:
            db.newcomputer(name)
            db.setpassword("(sAMAccountName=%s$)" % ldb.binary_encode(name), "Cm4j-" + secrets.token_hex(16) + "-x1A")
        for spn in args[1:]:
            add_spn(db, name + "$", spn)
    elif cmd == "spn":
        add_spn(db, args[0], args[1])
    elif cmd == "enctypes":
        acc = account(db, args[0])
        if acc is None:
            sys.exit("no account " + args[0])
        m = ldb.Message(acc.dn)
        m["e"] = ldb.MessageElement(args[1], ldb.FLAG_MOD_REPLACE, "msDS-SupportedEncryptionTypes")
        db.modify(m)
    elif cmd == "keytab":
        acc = account(db, args[0])
        if acc is None:
            sys.exit("no account " + args[0])
        Net(None, lp).export_keytab(keytab=args[1], principal=args[0])
        for spn in acc.get("servicePrincipalName", []):
            print(str(spn))
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)
