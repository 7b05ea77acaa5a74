-- The record a test script writes for the Rust test that started Neovim:
-- a table the script fills, written as JSON to $RECORD when it finishes,
-- after which Neovim quits. `run(steps)` runs the script's steps and
-- records any Lua error they raise. `open_draft(settings)` opens $DRAFT
-- with `sorrylint lsp` ($SORRYLINT) attached.

local M = { data = {} }

function M.finish(message)
  M.data.error = message
  local file = assert(io.open(os.getenv('RECORD'), 'w'))
  file:write(vim.fn.json_encode(M.data))
  file:close()
  vim.cmd('qall!')
end

function M.run(steps)
  local ok, err = pcall(steps)
  if not ok then
    M.finish('the script failed: ' .. tostring(err))
  end
end

function M.open_draft(settings)
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DRAFT')))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'sorrylint',
    cmd = { os.getenv('SORRYLINT'), 'lsp', '--no-config' },
    root_dir = vim.fn.fnamemodify(os.getenv('DRAFT'), ':h'),
    settings = settings,
  })
  if not client_id then
    error('the LSP client did not start')
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  return bufnr
end

return M
