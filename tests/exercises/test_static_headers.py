from practice.exercises.vendor import STAMP, vendor_folder
from tests.support.stack import require


def test_vendored_pyodide_is_served_with_a_long_lived_immutable_cache_header(client):
    require((vendor_folder() / "pyodide" / "pyodide.js").exists(),
            "Pyodide is not in static/vendor (make vendor fetches it; make test and make run do so)")
    response = client.get(f"/static/vendor/{STAMP}/pyodide/pyodide.js")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=31536000, public, immutable"
    assert client.get("/static/css/app.css")["Cache-Control"] != response["Cache-Control"]
