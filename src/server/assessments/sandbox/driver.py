# The exercise driver, run inside Pyodide in the sandbox's worker (src/server/assessments/sandbox/README in
# docs/decisions.md, "Exercises"). One call runs the setup code, the student's code and (when checking) each
# check, in one fresh namespace, and returns what happened as JSON.
import ast
import json
import sys
import traceback

_AIW_CODE = "<exercise>"


def _aiw_message(e):
    return traceback.format_exception_only(type(e), e)[-1].strip()


def _aiw_error(e, where):
    """The error as a person reads it: the traceback's last line, and the line in the student's code first."""
    if isinstance(e, SyntaxError) and e.filename == _AIW_CODE:
        text = f"SyntaxError: {e.msg}"
        return {"message": text, "line": e.lineno, "where": where, "trace": ""}
    frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == _AIW_CODE]
    line = frames[-1].lineno if frames else None
    trace = "".join(traceback.format_list(frames)).replace(f'File "{_AIW_CODE}", ', "")
    return {"message": _aiw_message(e), "line": line, "where": where, "trace": trace[:4000]}


def _aiw_run(setup, code, checks, mode):
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    result = {"error": None, "value": None, "checks": []}
    checks = [(str(name), str(body)) for name, body in checks]
    try:
        if setup.strip():
            try:
                exec(compile(setup, "<setup>", "exec"), namespace)
            except BaseException as e:  # noqa: BLE001 - the author's setup code may raise anything
                result["error"] = {
                    "message": "The exercise's setup code failed: " + _aiw_message(e),
                    "line": None,
                    "where": "setup",
                    "trace": "",
                }
        if result["error"] is None:
            try:
                tree = ast.parse(code, _AIW_CODE)
                last = None
                if tree.body and isinstance(tree.body[-1], ast.Expr):
                    last = ast.Expression(tree.body.pop().value)
                exec(compile(tree, _AIW_CODE, "exec"), namespace)
                if last is not None:
                    value = eval(compile(last, _AIW_CODE, "eval"), namespace)
                    if value is not None:
                        result["value"] = repr(value)[:10000]
            except BaseException as e:  # noqa: BLE001 - the student's code may raise anything
                result["error"] = _aiw_error(e, "code")
        if mode == "check":
            for name, body in checks:
                if result["error"] is not None:
                    message = "Not run: your code stopped with an error first (see above)."
                    result["checks"].append({"name": name, "passed": False, "message": message})
                    continue
                try:
                    exec(compile(body, f"<check: {name}>", "exec"), namespace)
                    result["checks"].append({"name": name, "passed": True, "message": ""})
                except BaseException as e:  # noqa: BLE001 - a failing check raises
                    if isinstance(e, AssertionError) and e.args:
                        message = str(e.args[0])
                    else:
                        message = _aiw_message(e)
                    result["checks"].append({"name": name, "passed": False, "message": message[:2000]})
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
    return json.dumps(result)
