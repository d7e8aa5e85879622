-- Shared by the specs: the module, the fixtures and the paths the runner passes on.
local M = {}

local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\][^/\\]*$") or "."
M.source_dir = os.getenv("LIBARTICLE_SOURCE_DIR") or (here .. "/../../..")
M.fixtures = here .. "/fixtures"
M.cli = os.getenv("LIBARTICLE_CLI")
if not M.cli then
    local f = io.open(M.source_dir .. "/build/article", "rb")
    if f then
        f:close()
        M.cli = M.source_dir .. "/build/article"
    end
end
M.gc = rawget(_G, "LIBARTICLE_SPEC_GC") or "default"
M.la = require("libarticle")

function M.read(path)
    local f = assert(io.open(path, "rb"))
    local s = f:read("*a")
    f:close()
    return s
end

function M.fixture(name)
    return M.read(M.fixtures .. "/" .. name)
end

-- Parses a fixture, failing the test on an error.
function M.parse_fixture(name, opts)
    local s = M.fixture(name)
    local a, err = M.la.parse(s, opts)
    assert(a, "parse of " .. name .. " failed: " .. tostring(err))
    return a, s
end

-- The standard output of a command (nil when it cannot run). A sanitizer runtime that
-- the tests preload into the interpreter is not the CLI's business (clang links its own).
function M.capture(cmd)
    if os.getenv("LD_PRELOAD") then cmd = "env -u LD_PRELOAD " .. cmd end
    local p = io.popen(cmd, "r")
    if not p then return nil end
    local out = p:read("*a")
    p:close()
    return out
end

function M.shell_quote(s)
    return "'" .. s:gsub("'", "'\\''") .. "'"
end

-- Resident memory of this process in KiB (nil where /proc is missing).
function M.rss_kib()
    local f = io.open("/proc/self/status", "r")
    if not f then return nil end
    local s = f:read("*a")
    f:close()
    local kb = s:match("VmRSS:%s*(%d+)")
    return kb and tonumber(kb)
end

return M
