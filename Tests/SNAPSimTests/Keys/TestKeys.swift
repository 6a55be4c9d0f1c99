/// Fixed RSA-2048 test keys and one openssl-made signature, so security tests are deterministic and the
/// simulator's RSA verification is cross-checked against openssl.
///
/// Made with OpenSSL 3.0:
/// ```
/// openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out alpha.pem
/// openssl pkey -in alpha.pem -pubout -out alpha.pub.pem
/// openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out beta.pem
/// openssl pkey -in beta.pem -pubout -out beta.pub.pem
/// printf '%s' 'partner-alpha|2026-11-21T18:19:47+07:00' > msg.txt
/// openssl dgst -sha256 -sign alpha.pem -out msg.sig msg.txt && base64 -w0 msg.sig
/// ```
/// Test-only keys: never use them anywhere else.
enum TestKeys {
    static let alphaPrivate = """
-----BEGIN PRIVATE KEY-----
MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQCUqbP78Kt8GWX0
3v1SCU4FvgvSFiqCxJWe6ZxmEzHP6dt8d3vSS488CLd+V4zwFIXeXD/4t2i0oxzF
1ay1nS21E9bUEgUBv96J6FywZAOnPdMzG6P/KwM0CRQGLzdePoyqi/DNjwwJFxWd
Tge38xr+n2lg1CFMFrZW5x7sLvaYrLNSO/+NcvmAUzHgjbMfoMDElPMSCOaU3ylT
RVuC7z9ltSK64RR14omNAY4ebVsLcprTkRmiJmokNxFgQm2/fDYpzCFcMgLkeifl
ryoeEgBcFMFvO4kECuHvhGrEnUuAnSgw6x8oUql0E5yXtRCPr6spXDodWerjpMAI
UFCNh/nzAgMBAAECggEAB+1GlhP+qNbX22c6fbHWUbMRAUpCSQe/bKJLPxwd51ay
Z+AdH5j80bgrRJbZgoGto64qkRICiMM7yQa8N1Diu4mLxnIRh0baUGMt8g/bLAM9
bDe4lmYOPSuQwEWrP6C5MmzU0bkjbKao9eLPwYy6b0JDxbB5+Asr/NVFDlXwuzJB
bNE9k1HsPSNumA9k8bIEr1dB/qx6wfQOUefo6wCqWNK97BYTEepQwIb7AzZ35JRF
NibkTIZkhzEVYu3iZrk36u8k9ce/1zouOKB90vOqZVOG8nBJD2RYvAlHsbe6wCjZ
ugxUkPafyBkBMmh0SQSXDgMPJgPkarDvsYoVr/XkqQKBgQDGeYKVEj9GGJVrGH6O
FcoZWNttDgOWJtAFIvC7Fs7C185vb3KH+9rjtyUTIB1KOYVc4z4oTu7j2Fr+Ux9J
8p2AiHA3UC5oYb3JZRN6N8Pa9qJk3iHWe08qazwkI30vzBwTLB7xLt32R/I4T5W6
3urzE3oSgnRFPtwjDZNM5ts+ewKBgQC/wD511PFvRVWMzGHaRagIt7vqmpq6lezW
K/3UL3/z5HLvTjdDn1Oao3FWdcxEUSCTEfp8vbhO6Dh7zy2ErRE15NM4/OhXvN1N
aSZnmSD1Ao3ZlYP1S7dZR2dkxnS5N8Zt2flfEohjajISrcG7xwxJa/1lGYU+majB
IlBbJ4eU6QKBgQC7Qd+zWED8mKs5HSYiVmqUmaKFdQhrPXlcr0ejrPQtH0G1H9hW
dohh+uTu84jPBBBQwFJf44E+1V2cwL4vncl+gLwnY+41K6rNfiDvWffe+n3jXzVb
0IGzyvM2QYmWdCQ07pbPBWIEQINHH8dsRXA1ITY2ioC66ID4TZGhp9pJSwKBgQCA
DWwo2HobatwE2QCH+XiLydeOhozKChFNvbcXGlmCkI9IzJ0PZbk5TekEakptXRg5
3wm+gBwzZdVCqUqmjcUujo+YQR0QaqoHZi8lhBeER55fLgAfsd7RmmOr4vRUNLEo
7yYfnYrDiUnDO5JjSjwkVB+2gmJ/ObJ+t+Gd3jom8QKBgQCoIvbnqrqp+VTtXrAy
WzoeL6YysrgmelrRljvK0HcSXhPECbW6mEfbn9pndWwfE5adsDWk1pTmXaYG6Beh
gHDcJSeRJt1nCFNRA+himGAfVy4glay07Jki5Y55fVaBgYwQbLVhyxxfxEzOfl+6
eiJy75hwmhMWtiaEkEymvj9EeA==
-----END PRIVATE KEY-----
"""

    static let alphaPublic = """
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAlKmz+/CrfBll9N79UglO
Bb4L0hYqgsSVnumcZhMxz+nbfHd70kuPPAi3fleM8BSF3lw/+LdotKMcxdWstZ0t
tRPW1BIFAb/eiehcsGQDpz3TMxuj/ysDNAkUBi83Xj6MqovwzY8MCRcVnU4Ht/Ma
/p9pYNQhTBa2Vuce7C72mKyzUjv/jXL5gFMx4I2zH6DAxJTzEgjmlN8pU0Vbgu8/
ZbUiuuEUdeKJjQGOHm1bC3Ka05EZoiZqJDcRYEJtv3w2KcwhXDIC5Hon5a8qHhIA
XBTBbzuJBArh74RqxJ1LgJ0oMOsfKFKpdBOcl7UQj6+rKVw6HVnq46TACFBQjYf5
8wIDAQAB
-----END PUBLIC KEY-----
"""

    static let betaPrivate = """
-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDKTCky5XPj/a2d
XB39weHV+E0ZWy8Padc7M1lZrv9sr04HcS3jCybucf/+nPL+CcLUcuaFOLfZlVEy
7Vs0TAdOELHLciRinthCnCA5A44ikc7KJ7osYMbR9414ZhdEbcoeL6rPwKRGl5A1
+cA/OCHnQriypvOtnUHFURc7r/XqOHepzHcpPrIQN/vIFKGOifHJxe8mV6ac8kgI
JGTncA9TKC8EvpE9UN+m4TNvmXjHY68Ejxv2HVvNb54dS37qD1Gy+CkZmBb3IOfW
xPxFQItpl8fSLWspfAdtw4gQng6A8X9qJzCT6Q0EjZqFuO2c025Kh3JhioS8gd7W
SZuBe1IpAgMBAAECggEAAe8Rc8GaxoKtzrPLO5pHYObDQetLu199Jb07bO6N1Yml
es+7qxB3uk7Prizs673HJYXFq19b7pINWSnIterGJRpmwLWiIGk5UwWwDyt4B9+R
9P/FOVhhfi9aJF0Beu97v6cgAGVsjJo1UDbHfjM4q7/JCTgsWywGLW81hCYN+UO1
k0oaF/tJ1r+J2Xl3e3605FT5aB7/vF4o+m6I+cLuBoCyExL5ujh1jRF91i7DXTr9
SmOLDfwzz8RCyHqbPaR6MLvIzK6UvYBcUF76rb6ZXtGHfVSM/KR3vYBbh1+SbfoT
k3KJeB5E2K/bkvFM7r91iKVBKGICHuD7U4oVB2vlSwKBgQDjlsEaqPf1yQ/pzeTl
Do31fsKWPt2Z2sIMT8XwgLGwigSsom0YbB53sqU3+wWIN8BtGrY/V4Pj+ubzMsAE
EB8hXE3BXxY2KC2JAR44PkbFr4W2dRV9L0IXVrfff3xwbg52fd0C0J6vhaoFcpSv
K1Jtp/Oo7QOUkgP0TF3C106T2wKBgQDjjSYsdEUsoh/boCk3TkKEwZE+tq9u4bHU
GQCClPTNwOBCh3tvv1iAQXIpwzJCsjnTOjVv6ksYoHLJQqW+/THXLGJFNsbDJlqf
TUHRAvrzhqAkN7A3CpbyWZxMH+cPpmVc4m/OSWy0JBeTHP/thFg60hBKuiD8eH8O
5bGXFHJTSwKBgFuM2jMaQ1zIu7EGlQwbVbmqeyYrNcNdP2/qayp66n+klYrIb/BC
FeN6poGlZa1NGAgLlcJXNwPvexXblWhM/+jQk6q00F+Ku/5/x6NCUf/VwokKAlHw
P7rZtG+gffNQIltB+DTYrOzYbPNyCyOH3smjpR2P8j/CmPqd+Z2WNNK/AoGBAJQn
nIkpErjivfdTKkK2E504IodAjqyVCiFcPfbHYTRtthXa/EVfwhGPivMiAiFmxTuA
FLbPRyG7pcDgQeY+GCtO3JTP+02oNSyvMoERfa79IlsyXusXW/xi197AjsKjxi9Z
xw36xGntbeP8560PlBqIFs9wrHV1RtS+PIhvaZhNAoGBAJDct4E4LLenETKLHGw0
CdJNa0PZ8u3VtjZxcqAMIjD1Yek6odleeCgTGRe5anJItcso4WQr5MRihScLGTEz
HF1LhaoUb4RoiMvsTz93G0YbyZ5ra+cQ78AzkKFqafD7DxjnkEEmsU6hI0w6bmjx
ic0fb7Qfo48M+/Vc9StZpdew
-----END PRIVATE KEY-----
"""

    static let betaPublic = """
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAykwpMuVz4/2tnVwd/cHh
1fhNGVsvD2nXOzNZWa7/bK9OB3Et4wsm7nH//pzy/gnC1HLmhTi32ZVRMu1bNEwH
ThCxy3IkYp7YQpwgOQOOIpHOyie6LGDG0feNeGYXRG3KHi+qz8CkRpeQNfnAPzgh
50K4sqbzrZ1BxVEXO6/16jh3qcx3KT6yEDf7yBShjonxycXvJlemnPJICCRk53AP
UygvBL6RPVDfpuEzb5l4x2OvBI8b9h1bzW+eHUt+6g9RsvgpGZgW9yDn1sT8RUCL
aZfH0i1rKXwHbcOIEJ4OgPF/aicwk+kNBI2ahbjtnNNuSodyYYqEvIHe1kmbgXtS
KQIDAQAB
-----END PUBLIC KEY-----
"""

    /// `openssl dgst -sha256 -sign alpha.pem` over ``opensslMessage``, Base64.
    static let opensslMessage = "partner-alpha|2026-11-21T18:19:47+07:00"
    static let opensslSignature = "fP1R8aj9jIOPWZc4HWKgHOer4okWNnYfJISqSh/PIVzR9dqN5qBsl8ZSkk1WQOlEdNXxTWXsLL3B1TbN9MBseRiwROayrh+kC4sH6H8ILZPFl/L1CfnW5RoR8QzLNk9qhq1dQDLHQxFQK/WBiccTAcg0yf73owFhbM9T9uiQs+07SJ0jLwAy2Bu3M1Ksp17BOzTQiJ+YSK+AizUgxqGGMk6xRoRd72PMTTEkzyMwCJka+ChWXVU8VwN0kj8gf0hfar8mrE/dx97NR17zgAshI3bgdH45kzzVPfWP+AdqsoRRN4JB5Sp/rjOtG/8EKSh+G2jm0nlK2La9w0uv8qZJdQ=="
}
