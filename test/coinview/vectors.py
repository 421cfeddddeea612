"""Independent test vectors for test/coinview/auth.test.ts (Python `cryptography`, not the node code).

Run: python3 test/coinview/vectors.py <rsa-pkcs1.pem>   (prints JSON)
"""
import base64, hashlib, json, struct, sys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, ed25519, x25519
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

def b64u(b): return base64.urlsafe_b64encode(b).rstrip(b'=').decode()

rsa_pem = open(sys.argv[1], 'rb').read()
rsa_key = serialization.load_pem_private_key(rsa_pem, None)
USER = 'a76d6864-a758-46e6-8abc-aa5ddf0d3a51'
SESSION = '33057864-864b-44cd-8dda-28ab514117da'
IAT = 1764579600
JTI = '0f6a4c1e-7d2b-4b8e-9a51-3c2d1e0f9a8b'
out = {}

def claims(method, uri, body):
    sig = hashlib.sha256((method + uri + body).encode()).hexdigest()
    return {'uid': USER, 'sid': SESSION, 'iat': IAT, 'exp': IAT + 3600, 'jti': JTI, 'sig': sig, 'scp': 'FULL'}

def jwt(alg, payload, signer):
    h = b64u(json.dumps({'typ': 'JWT', 'alg': alg}, separators=(',', ':')).encode())
    p = b64u(json.dumps(payload, separators=(',', ':')).encode())
    si = (h + '.' + p).encode()
    return h + '.' + p + '.' + b64u(signer(si))

out['rsaJwtGetAssets'] = jwt('RS512', claims('GET', '/assets', ''), lambda m: rsa_key.sign(m, padding.PKCS1v15(), hashes.SHA512()))
seed = bytes(range(1, 33))
ed = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
ed_pub = ed.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
out['edSeedHex'] = seed.hex()
out['edPublicHex'] = ed_pub.hex()
body = '{"asset_id":"43d61dcd-e413-450d-80b8-101d5e903357"}'
out['edJwtPostPayments'] = jwt('EdDSA', claims('POST', '/payments', body), ed.sign)
out['edJwtBody'] = body

# RSA PIN: the server encrypts a known AES-256 key to the session's RSA key (OAEP SHA-256, label session id)
aes_key = bytes(range(100, 132))
pin_token = rsa_key.public_key().encrypt(aes_key, padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=SESSION.encode()))
out['rsaPinToken'] = base64.b64encode(pin_token).decode()
out['rsaAesKeyHex'] = aes_key.hex()
iv = bytes(range(16))
ts = 1764579600
iterator = 1764579600123456789
plain = struct.pack('<6sQQ', b'123456', ts, iterator)
padn = 16 - len(plain) % 16
plain += bytes([padn]) * padn
enc = Cipher(algorithms.AES(aes_key), modes.CBC(iv)).encryptor()
out['rsaEncryptedPin'] = base64.b64encode(iv + enc.update(plain) + enc.finalize()).decode()

# Ed25519 PIN, server key given as a Curve25519 key (pin_token_base64) and as an Ed25519 key (hex)
server_x = x25519.X25519PrivateKey.from_private_bytes(bytes(range(50, 82)))
server_x_pub = server_x.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
client_scalar = bytearray(hashlib.sha512(seed).digest()[:32])
client_scalar[0] &= 248; client_scalar[31] &= 127; client_scalar[31] |= 64
client_x_pub = x25519.X25519PrivateKey.from_private_bytes(bytes(client_scalar)).public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
shared = server_x.exchange(x25519.X25519PublicKey.from_public_bytes(client_x_pub))
out['edPinTokenCurve'] = b64u(server_x_pub)
enc = Cipher(algorithms.AES(shared), modes.CBC(iv)).encryptor()
out['edEncryptedPinCurve'] = b64u(iv + enc.update(plain) + enc.finalize())

server_seed = bytes(range(200, 232))
server_ed = ed25519.Ed25519PrivateKey.from_private_bytes(server_seed)
server_ed_pub = server_ed.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
s = bytearray(hashlib.sha512(server_seed).digest()[:32]); s[0] &= 248; s[31] &= 127; s[31] |= 64
shared2 = x25519.X25519PrivateKey.from_private_bytes(bytes(s)).exchange(x25519.X25519PublicKey.from_public_bytes(client_x_pub))
out['edPinTokenEdwardsHex'] = server_ed_pub.hex()
enc = Cipher(algorithms.AES(shared2), modes.CBC(iv)).encryptor()
out['edEncryptedPinEdwards'] = b64u(iv + enc.update(plain) + enc.finalize())

# backups, as CoinView's app writes them (base64 JSON, camelCase keys)
der_pkcs1 = rsa_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption())
der_pkcs8 = rsa_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
out['rsaDerPkcs1'] = base64.b64encode(der_pkcs1).decode()
out['rsaDerPkcs8'] = base64.b64encode(der_pkcs8).decode()
out['rsaBackup'] = base64.b64encode(json.dumps({'id': USER, 'sessionId': SESSION, 'pinToken': out['rsaPinToken'], 'privateKey': out['rsaDerPkcs8']}).encode()).decode()
out['edBackup'] = base64.b64encode(json.dumps({'id': USER, 'sessionId': SESSION, 'pinToken': out['edPinTokenEdwardsHex'], 'privateKey': seed.hex()}).encode()).decode()
out['rsaPem'] = rsa_pem.decode()
print(json.dumps(out, indent=1))
