"""The class-like mix of bench/statements.py: what a class of learners sends, against statements
alone, side by side on the same server. Not run itself.

A learner of a class answers a question about every ``ANSWER_EVERY`` seconds (one xAPI
statement); the player saves the resume state after each answer and every ``STATE_EVERY``
seconds; each learner logs in once per ``SESSION_MINUTES``-minute session. Per client, in that
proportion: a login at the start of every session's worth of statements, each statement followed
by a state save, plus the periodic saves spread between them. Clients send as fast as the server
answers (the class's time is compressed, its proportions kept).

Goals: no plan rebuild during the mix (state saves and logins change no course content; counted
through ``progress.plans``' shared build counter, so only with a shared cache), and requests served
per second in the mix at least ``GOAL_MIX_SHARE`` of the rate of statements alone.
"""

import http.client
import json
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

ANSWER_EVERY, STATE_EVERY, SESSION_MINUTES = 20, 30, 45
GOAL_MIX_SHARE = 0.9
LOGIN_PATH, STATE_PATH, XAPI_PATH = "/tai-khoan/login/", "/hoc/trang-thai/", "/xapi/statements"
STATE = json.dumps({"progress": 2, "answers": [[0], [1, 2]], "note": "x" * 200})


def class_script(statements: int) -> list[str]:
    """The kinds of request one learner sends for ``statements`` statements, in order."""
    per_session = SESSION_MINUTES * 60 // ANSWER_EVERY
    script, periodic = [], 0.0
    for n in range(statements):
        if n % per_session == 0:
            script.append("login")
        script += ["statement", "state"]
        periodic += ANSWER_EVERY / STATE_EVERY
        if periodic >= 1:
            script.append("state")
            periodic -= 1
    return script


class Learner:
    """One keep-alive client with its own cookies (a login replaces session and CSRF cookie)."""

    def __init__(self, port: int, cookies: dict, email: str, password: str, names: tuple):
        self.port, self.cookies, self.email, self.password = port, dict(cookies), email, password
        self.session_name, self.csrf_name = names
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def _headers(self, content_type: str) -> dict:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {
            "Content-Type": content_type,
            "X-CSRFToken": self.cookies[self.csrf_name],
            "Cookie": cookie,
            "X-Experience-API-Version": "1.0.3",
        }

    def send(self, kind: str, statement: dict, iri: str) -> tuple[bool, str]:
        if kind == "statement":
            path, body, content_type, ok = XAPI_PATH, json.dumps(statement), "application/json", 200
        elif kind == "state":
            body = json.dumps({"activity": iri, "state": STATE})
            path, content_type, ok = STATE_PATH, "application/json", 204
        else:
            body = urlencode({"login": self.email, "password": self.password})
            path, content_type, ok = LOGIN_PATH, "application/x-www-form-urlencoded", 302
        try:
            self.conn.request("POST", path, body.encode(), self._headers(content_type))
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            return False, f"{kind}: {type(exc).__name__}: {exc}"
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if name in (self.session_name, self.csrf_name) and morsel.value:
                    self.cookies[name] = morsel.value
        if response.status != ok:
            return False, f"{kind}: HTTP {response.status}: {data[:200]!r}"
        return True, ""


class Mix:
    """Run ``class_script`` from each learner; count what was served, by kind."""

    def __init__(self, learners: list, statements_each: int, make, iri: str, max_seconds: float):
        self.learners, self.make, self.iri, self.max_seconds = learners, make, iri, max_seconds
        self.script = class_script(statements_each)
        self.lock = threading.Lock()
        self.served = {"statement": 0, "state": 0, "login": 0}
        self.errors, self.first_error = 0, ""

    def client(self, learner: Learner, offset: int, deadline: float) -> None:
        served, errors, first_error = dict.fromkeys(self.served, 0), 0, ""
        for number, kind in enumerate(self.script):
            if time.monotonic() >= deadline:
                break
            ok, error = learner.send(kind, self.make(offset + number), self.iri)
            if ok:
                served[kind] += 1
            else:
                errors += 1
                first_error = first_error or error
        learner.conn.close()
        with self.lock:
            for kind, count in served.items():
                self.served[kind] += count
            self.errors += errors
            self.first_error = self.first_error or first_error

    def run(self) -> "Mix":
        deadline = time.monotonic() + self.max_seconds
        threads = [
            threading.Thread(target=self.client, args=(learner, n * 1_000_000, deadline))
            for n, learner in enumerate(self.learners)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.elapsed = time.perf_counter() - started
        self.rate = sum(self.served.values()) / self.elapsed if self.elapsed else 0.0
        return self


def _password_check_seconds(password: str) -> float:
    """CPU seconds of one password check with the production hasher, in this process."""
    from django.contrib.auth.hashers import check_password, make_password

    hashed = make_password(password)
    started = time.process_time()
    check_password(password, hashed)
    return time.process_time() - started


def mix_measure(*, port, learners_data, make, iri, statements, max_seconds, alone_rate, builds,
                cpu):  # fmt: skip
    """Run the mix with one client per entry of ``learners_data`` ((cookies, email, password,
    cookie names)); print it beside ``alone_rate`` (statements alone, same clients). ``builds()``
    reads the shared plan build counter (None without a shared cache); ``cpu()`` the server's
    CPU seconds. Returns failures."""
    each = max(1, statements // len(learners_data))
    learners = [Learner(port, *data) for data in learners_data]
    before, cpu_before = builds(), cpu()
    mix = Mix(learners, each, make, iri, max_seconds).run()
    after, cpu_used = builds(), cpu() - cpu_before
    served = mix.served
    rates = {kind: count / mix.elapsed for kind, count in served.items()}
    print(f"   class-like mix, {len(learners)} clients ({SESSION_MINUTES}-min sessions, answers "
          f"every {ANSWER_EVERY} s, state saved after each, every {STATE_EVERY} s):")  # fmt: skip
    print(f"   served {sum(served.values())} requests in {mix.elapsed:.1f} s = {mix.rate:.0f}/s: "
          f"{rates['statement']:.0f} statements/s, {rates['state']:.0f} state saves/s, "
          f"{served['login']} logins; errors {mix.errors}")  # fmt: skip
    if mix.first_error:
        print(f"          first error: {mix.first_error}")
    check = _password_check_seconds(learners_data[0][2])
    print(f"   server CPU {cpu_used:.1f} s, of which the logins' password checks ≈ "
          f"{served['login']} × {check:.2f} s = {served['login'] * check:.1f} s "
          f"(PBKDF2, production settings)")  # fmt: skip
    share = mix.rate / alone_rate if alone_rate else 0.0
    verdict = "met" if share >= GOAL_MIX_SHARE else "NOT met"
    print(f"   requests/s in the mix ÷ statements/s alone = {mix.rate:.0f} / {alone_rate:.0f} = "
          f"{share:.2f} (goal ≥ {GOAL_MIX_SHARE}: {verdict})")  # fmt: skip
    if before is None or after is None:
        print("   plan rebuilds during the mix: not counted (no shared cache: set --redis-url)")
    else:
        rebuilt = after - before
        verdict = "met" if rebuilt == 0 else "NOT met"
        print(f"   plan rebuilds during the mix (state saves, logins, statements; no content "
              f"change): {rebuilt} (goal 0: {verdict})")  # fmt: skip
    return int(bool(mix.errors))
