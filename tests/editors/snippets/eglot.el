;; bnlint with Eglot (init.el). Eglot is built into Emacs 29+; on Emacs 28 install the
;; `eglot' package (Debian: elpa-eglot) first.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((python-mode python-ts-mode) . ("bnlint" "serve"))))
(add-hook 'python-mode-hook #'eglot-ensure)
(add-hook 'python-ts-mode-hook #'eglot-ensure)
