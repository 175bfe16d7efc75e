"""What goes wrong with a portal, said in the session's language (the wizard's portal page and the
command line both show :func:`portals.diagnose` and :attr:`PortalError.advice`)."""

from __future__ import annotations

import pytest

from hubwizard import i18n
from hubwizard.errors import PortalError
from hubwizard.portals import TokenProblem, check_token, diagnose

SCOPE_ERROR = PortalError(
    "forbidden", status=403, errors=[{"context": {"requiredGranularScopes": ["automation"]}}]
)


@pytest.mark.parametrize(
    ("lang", "token", "scope", "network", "advice"),
    [
        (
            "fr",
            "Le portail n'a pas accepté le jeton",
            "Il manque au jeton la portée automation",
            "Aucune réponse : le portail ne répond pas",
            "Ajoutez 'automation' aux portées du jeton dans HubSpot (Paramètres → Intégrations",
        ),
        (
            "zh",
            "门户 不接受该令牌",
            "令牌缺少权限范围 automation",
            "门户 没有响应",
            "请在 HubSpot 中为令牌添加权限范围 'automation'（设置 → 集成",
        ),
    ],
)
def test_each_cause_is_diagnosed_in_the_language_of_the_session(lang, token, scope, network, advice):
    with i18n.using(lang):
        assert diagnose(PortalError("bad", status=401)).what.startswith(token)
        found = diagnose(SCOPE_ERROR)
        assert found.cause == "scope" and found.what.startswith(scope)
        assert diagnose(PortalError("timed out", status=0)).what.startswith(network)
        assert PortalError("forbidden", status=403, scopes=["automation"]).advice.startswith(advice)
        with pytest.raises(TokenProblem) as raised:
            check_token("Bearer pat-na1-00000000-0000-0000-0000-000000000000")
    assert "Bearer" in raised.value.message and raised.value.message != (
        "the token starts with the word 'Bearer'; paste the token alone"
    )
    assert diagnose(PortalError("bad", status=401)).what.startswith("The portal did not accept the token")
