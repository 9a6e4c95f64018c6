"""bench/load.py's ceiling: Regiewijzer's own app — every hook, the same body checks, validation and JSON — whose
advisor works each situation out once and then hands back that answer. Beside the baseline it shows what the HTTP
layer costs without the consultation: the most any speed-up of the advice itself could reach."""
import orjson

from regiewijzer.rules import Advisor
from regiewijzer.service import create_app as create_regiewijzer


class StoredAnswers(Advisor):
    """An Advisor that answers a situation it was asked before with the answer it gave then."""

    def __init__(self, knowledge):
        super().__init__(knowledge)
        self.answers = {}

    def advise(self, situation, lang="nl", detail="focused"):
        key = (orjson.dumps(situation, option=orjson.OPT_SORT_KEYS), lang, detail)
        answer = self.answers.get(key)
        if answer is None:
            answer = self.answers[key] = super().advise(situation, lang, detail)
        return answer


def create_app():
    app = create_regiewijzer()
    app.extensions["advisor"] = StoredAnswers(app.extensions["advisor"].knowledge)
    return app
