"""A tiny partner integration, as a merchant would write it: DANA customer balance through the official SDK.

Production code takes DANA's base URL; the test suite hands it snapsim's. Nothing here knows about snapsim.
"""
import uuid

from dana.api_client import ApiClient
from dana.exceptions import ApiException
from dana.utils.snap_configuration import AuthSettings, Env, SnapConfiguration
from dana.widget.v1 import WidgetApi
from dana.widget.v1.models import (
    ApplyTokenAuthorizationCodeRequest,
    BalanceInquiryRequest,
    BalanceInquiryRequestAdditionalInfo,
)


class WalletUnavailable(Exception):
    """DANA could not be reached or gave no usable answer; the caller should retry later."""


class WalletRefused(Exception):
    """DANA answered with a SNAP error code."""

    def __init__(self, code, message):
        super().__init__(f"{code} {message}")
        self.code = code


class DanaWallet:
    def __init__(self, base_url, client_id, private_key, channel_id, origin="http://127.0.0.1"):
        configuration = SnapConfiguration(
            api_key=AuthSettings(
                PRIVATE_KEY=private_key,
                ORIGIN=origin,
                X_PARTNER_ID=client_id,
                CHANNEL_ID=channel_id,
                ENV=Env.SANDBOX,
                DANA_ENV=Env.SANDBOX,
            )
        )
        configuration.host = base_url  # dana-python ignores the constructor's host
        self._widget = WidgetApi(ApiClient(configuration))

    def link_customer(self, auth_code):
        """Exchanges the customer's authorization code for an access token."""
        answer = self._call(
            self._widget.apply_token,
            ApplyTokenAuthorizationCodeRequest(grant_type="AUTHORIZATION_CODE", auth_code=auth_code),
        )
        return answer.access_token

    def balance_minor_units(self, access_token):
        """The customer's available balance in IDR minor units (SNAP sends "150000.00")."""
        answer = self._call(
            self._widget.balance_inquiry,
            BalanceInquiryRequest(
                partner_reference_no=str(uuid.uuid4()),
                balance_types=["BALANCE"],
                additional_info=BalanceInquiryRequestAdditionalInfo(access_token=access_token, device_id="shop-1"),
            ),
        )
        rupiah, _, sen = answer.account_infos[0].available_balance.value.partition(".")
        return int(rupiah) * 100 + int((sen + "00")[:2])

    @staticmethod
    def _call(operation, request):
        try:
            return operation(request)
        except ApiException as error:
            if error.status and error.status < 500 and error.body:
                code = getattr(error, "response_code", None) or str(error.status)
                raise WalletRefused(code, error.body) from error
            raise WalletUnavailable(str(error)) from error
        except Exception as error:  # connection closed, reset, malformed JSON: all mean "try again later"
            raise WalletUnavailable(f"{type(error).__name__}: {error}") from error
