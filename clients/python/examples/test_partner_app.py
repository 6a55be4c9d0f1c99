"""The partner's own test suite: the DanaWallet integration against snapsim, through the pytest fixture."""
import pytest

from partner_app import DanaWallet, WalletRefused, WalletUnavailable

PARTNER = "snapsim-dana"


def wallet_for(simulator):
    partner = simulator.partners[PARTNER]
    return DanaWallet(simulator.base_url, partner["clientId"], partner["privateKey"], partner["channelId"])


def budi(simulator):
    return next(code for code in simulator.auth_codes if code.endswith("budi"))


def test_linked_customer_balance_in_minor_units(snapsim):
    wallet = wallet_for(snapsim)
    token = wallet.link_customer(budi(snapsim))
    # Budi Santoso opens with 150000.00 IDR (fixtures/customers.json).
    assert wallet.balance_minor_units(token) == 15_000_000


def test_every_call_reaches_the_journal(snapsim):
    wallet = wallet_for(snapsim)
    wallet.balance_minor_units(wallet.link_customer(budi(snapsim)))
    paths = [entry["path"] for entry in snapsim.admin.requests(partner=PARTNER)]
    assert paths[-1] == "/v1.0/balance-inquiry.htm"
    assert snapsim.admin.request_count(partner=PARTNER) == 2


def test_a_lost_answer_is_reported_as_unavailable_and_the_next_call_works(snapsim):
    wallet = wallet_for(snapsim)
    token = wallet.link_customer(budi(snapsim))
    snapsim.admin.add_fault(PARTNER, when={"service": "balance-inquiry"}, then={"fault": "closeConnection"}, times=1)
    with pytest.raises(WalletUnavailable):
        wallet.balance_minor_units(token)
    assert wallet.balance_minor_units(token) == 15_000_000


def test_an_unknown_authorization_code_is_refused(snapsim):
    with pytest.raises(WalletRefused):
        wallet_for(snapsim).link_customer("not-a-real-code")


def test_a_fresh_simulator_has_its_own_clock(snapsim_fresh):
    snapsim_fresh.admin.set_clock("2026-01-31T23:59:00+07:00")
    assert snapsim_fresh.admin.clock()["now"].startswith("2026-01-31T23:59:00")
    snapsim_fresh.admin.advance_clock("2m")
    assert snapsim_fresh.admin.clock()["now"].startswith("2026-02-01T00:01:00")
